package io.nemobot.bench;

import io.nemobot.conversation.Footprint;
import java.util.Locale;

/** The soak run's section of the Markdown report. */
final class SoakReport {
    private SoakReport() {
    }

    static String oneLine(SoakResult r) {
        return fmt("soak: %d conversations in %.0f s, %.1f simulated hours; heap after the first %d %.1f MB, at the end %.1f MB"
                + " (%+.1f MB, limit +16 MB: %s); %d complete, %d with problems, %d stuck", r.settings().conversations(),
                r.wallSeconds(), r.end().simulatedHours(), r.first().conversations(), mb(r.first().heapBytes()), mb(r.end().heapBytes()),
                mb(r.heapGrowth()), r.passed() ? "PASS" : "FAIL", r.complete(), r.withProblems(), r.stuck());
    }

    static String markdown(SoakResult r) {
        SoakRun.Settings s = r.settings();
        StringBuilder b = new StringBuilder("## Soak: memory over ").append(fmt("%,d", s.conversations())).append(" conversations\n\n");
        if (s.leakKb() > 0) {
            b.append(fmt("**Deliberately leaking run**: the harness keeps every finished thread's key, messages and %d KB"
                    + " (a per-thread map never cleared), to show the measurement catches a leak of that size.%n%n", s.leakKb()));
        }
        b.append(fmt("%,d conversations, each in its own new thread (Discord and Slack alternating), arriving %d a second (at most %d live), through"
                + " the real core (SQLite store on a fresh file) over HTTP/SSE to the simulator; the core's clock and ticker run"
                + " at real speed plus an offset moved %d s forward as each conversation starts, and %d h at the end when all is"
                + " idle; peak live %d. Wall time %.0f s; bot CPU %.0f s, simulator CPU %.0f s; %,d sessions created.%n%n", s.conversations(),
                s.rate(), s.live(), s.step().toSeconds(), SoakRun.IDLE_JUMP.toHours(), r.peakLive(), r.wallSeconds(), r.botCpuSeconds(), r.simCpuSeconds(),
                r.sessions()));
        b.append(fmt("**Criterion**: heap after full GC at the end ≤ heap after the first %,d + 16 MB. **Measured: %.1f MB → %.1f MB"
                + " (%+.1f MB): %s.**%n%n", r.first().conversations(), mb(r.first().heapBytes()), mb(r.end().heapBytes()),
                mb(r.heapGrowth()), r.passed() ? "PASS" : "FAIL"));
        b.append("| point | conversations | simulated h | wall s | heap after GC MB | lanes | running turns | renders |"
                + " active users | rate buckets | rate buckets at most, if never released | seen events | retry offers |"
                + " store's bindings in memory | harness holds |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (SoakResult.Sample p : r.samples()) {
            Footprint f = p.footprint();
            b.append(fmt("| %s | %,d | %.1f | %.0f | %.1f | %d | %d | %d | %d | %,d | %,d | %,d | %,d | %,d | %s |%n", p.label(),
                    p.conversations(), p.simulatedHours(), p.wallSeconds(), mb(p.heapBytes()), f.lanes(), f.runningTurns(),
                    f.renders(), f.activeUsers(), f.rateBuckets(), p.bucketsNeverReleased(), f.seenEvents(), f.retryOffers(),
                    p.storeBindings(), p.harness()));
        }
        b.append(fmt("%nConversations: %,d complete, %d with a problem, %d stuck (not done within 60 s); %d \"queued\" notices"
                + " (an export said while the turn before it was ending: not a problem).%n", r.complete(), r.withProblems(),
                r.stuck(), r.queuedNotices()));
        for (String p : r.problemSamples()) {
            b.append("- ").append(p).append('\n');
        }
        b.append('\n');
        for (SoakResult.Calls c : r.calls()) {
            b.append(fmt("- %s: %,d posts, %,d edits, %d refused %s, %d late (after the thread was checked), %d too long%n",
                    c.platform(), c.posts(), c.edits(), c.refused(), c.refusedBy().isEmpty() ? "" : c.refusedBy().toString(),
                    c.late(), c.tooLong()));
            for (String l : c.lateSamples()) {
                b.append("  - late: ").append(l).append('\n');
            }
        }
        b.append(fmt("%nLive classes that grew most from \"%s\" to the end (class histograms, as `jcmd <pid> GC.class_histogram`):%n%n",
                r.first().label()));
        for (String g : r.growth()) {
            b.append("- `").append(g).append("`\n");
        }
        b.append('\n');
        return b.toString();
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
