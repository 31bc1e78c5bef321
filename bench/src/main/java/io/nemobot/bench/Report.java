package io.nemobot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report: machine and command first, then the tables, then what each number means. */
final class Report {
    private Report() {
    }

    static String oneLine(RunResult r) {
        StringBuilder s = new StringBuilder(r.scenario.name()).append(": ");
        s.append(r.finished() ? fmt("wall %.1f s", r.wallMs / 1e3) : "NOT DONE at cap " + r.capMs / 1000 + " s (" + r.done
                + "/" + r.scenario.conversations() + ")");
        s.append(fmt(", ideal %.1f s", r.idealMs / 1e3));
        for (RunResult.Lag l : r.lags.values()) {
            s.append(fmt(", lag p99 %.2f s (fair %.2f)", l.p99(), l.fairShare()));
        }
        s.append(", refused ").append(r.refused());
        s.append(", complete ").append(r.complete).append('/').append(r.scenario.conversations());
        s.append(fmt(", heap %d MB, cpu %.1f s", r.stats.peakHeap() >> 20, r.stats.cpuNanos() / 1e9));
        return s.toString();
    }

    static String markdown(BenchMain.Options o, List<RunResult> runs, List<FleetResult> fleet, UploadRun.Result upload,
            SoakResult soak, double minutes) {
        StringBuilder s = new StringBuilder();
        s.append("# nemo-bot benchmark results\n\n");
        s.append("- Command: `").append(o.command()).append("`\n");
        s.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        s.append("- Machine: ").append(machine()).append('\n');
        s.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", bot JVM flags: `").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                .append("` (the simulator runs in its own JVM)\n");
        s.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(osRelease()).append('\n');
        s.append("- Commit: ").append(System.getProperty("bench.commit", "unknown")).append('\n');
        if (runs.isEmpty() && fleet.isEmpty()) {
            s.append(fmt("- Seed %d; total time %.1f min%n%n", o.seed(), minutes));
        } else {
            conversationRuns(s, o, runs, minutes);
            slackRuns(s, runs);
            s.append(FleetReport.markdown(fleet));
        }

        if (upload != null) {
            s.append("## Upload\n\n");
            s.append("| file | time s | MB/s | heap before MB | heap peak MB | peak increase MB | live heap after GC, peak MB |"
                    + " GCs | bot CPU s | received by simulator | SHA-256 matches |\n");
            s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            s.append(fmt("| %d MB | %.1f | %.0f | %d | %d | %d | %d | %d | %.1f | %d bytes | %s |%n%n", upload.bytes() >> 20,
                    upload.seconds(), upload.megabytesPerSecond(), upload.baselineHeap() >> 20, upload.peakHeap() >> 20,
                    upload.heapIncrease() >> 20, upload.peakHeapAfterGc() >> 20, upload.gcCount(), upload.cpuNanos() / 1e9,
                    upload.receivedBytes(), upload.shaMatches() ? "yes" : "**no**"));
        }

        if (soak != null) {
            s.append(SoakReport.markdown(soak));
        }

        s.append("## Targets\n\n");
        s.append(targets(runs, upload, soak));
        s.append(FleetReport.targets(fleet));
        s.append('\n');

        if (!runs.isEmpty()) {
            ReportDetails.details(s, runs);
            s.append('\n').append(ReportDetails.HOW_TO_READ);
        }
        return s.toString();
    }

    /** The conversation runs' setup and tables. */
    private static void conversationRuns(StringBuilder s, BenchMain.Options o, List<RunResult> runs, double minutes) {
        s.append(fmt("- Mode: %s; seed %d; turns %s; chunks every 50–200 ms; render polled every %d ms, %d polls;"
                + " platform call latency %d ms; Slack conversations per workspace %d; total time %.1f min%n",
                o.quick() ? "**quick**" : "full", o.seed(), o.quick() ? "4–12 s (exports 4–6 s + render)" : "10–60 s (exports 10–30 s + render)",
                o.renderPollMs(), Plan.RENDER_POLLS, o.latencyMs(), o.slackPerWorkspace(), minutes));
        s.append("- Store: the core's state is kept in memory (`MemoryStore`), except in the run marked \"SQLite store\": the"
                + " bot's default store, one SQLite file (WAL, `synchronous=FULL`, every write synced before it returns),"
                + " a fresh file per run\n");
        s.append('\n');
        if (runs.isEmpty()) {
            return;
        }

        s.append("## Conversations\n\n");
        s.append("| run | N | wall s | ideal s | wall / ideal | finals complete & once | lost | doubled | other problems |"
                + " sessions created | peak open streams | heap peak MB | heap after GC MB | RSS peak MB | threads peak | bot CPU s | sim CPU s |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            s.append("| ").append(r.scenario.name()).append(" | ").append(r.scenario.conversations()).append(" | ");
            if (r.finished()) {
                s.append(fmt("%.1f | %.1f | %.3f", r.wallMs / 1e3, r.idealMs / 1e3, r.wallMs / (double) r.idealMs));
            } else {
                s.append(fmt("> %.0f (cap; %d of %d done, the last at %.1f s) | %.1f | > %.2f", r.capMs / 1e3, r.done,
                        r.scenario.conversations(), r.lastDoneMs / 1e3, r.idealMs / 1e3, r.capMs / (double) r.idealMs));
            }
            s.append(fmt(" | %d / %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f | %.1f |%n", r.complete,
                    r.scenario.conversations(), r.lost, r.doubled, r.otherProblems, r.sim.get("sessions"),
                    r.sim.get("peakStreams"), r.stats.peakHeap() >> 20, r.stats.peakHeapAfterGc() >> 20,
                    r.stats.peakRss() >> 20, r.stats.peakThreads(), r.stats.cpuNanos() / 1e9, r.simCpuNanos / 1e9));
        }
        s.append('\n');

        s.append("## Chunk → platform lag and edits\n\n");
        s.append("| run | platform | conversations | fair-share interval s | lag p50 s | lag p99 s | lag max s |"
                + " p99 ≤ fair share + 0.25 s | posts | edits | refused posts | refused edits |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (RunResult r : runs) {
            for (Map.Entry<String, RunResult.Lag> e : r.lags.entrySet()) {
                RunResult.Lag l = e.getValue();
                RunResult.Calls c = r.calls.get(e.getKey());
                boolean unpaced = r.scenario.mode() == BenchPlatform.Mode.UNPACED;
                String refusedWord = unpaced ? " (would be)" : "";
                s.append(fmt("| %s | %s | %d | %.2f | %.3f | %.3f | %.3f | %s | %d | %d | %d%s | %d%s |%n", r.scenario.name(),
                        e.getKey(), l.conversations(), l.fairShare(), l.p50(), l.p99(), l.max(),
                        unpaced ? "n/a (unpaced)" : l.met() ? "yes" : "**no**", c.posts(), c.edits(), c.refusedPosts(),
                        refusedWord, c.refusedEdits(), refusedWord));
            }
        }
        s.append('\n');
    }

    private static void slackRuns(StringBuilder s, List<RunResult> runs) {
        for (RunResult r : runs) {
            if (!r.slackLines.isEmpty()) {
                s.append("## ").append(r.scenario.name()).append("\n\n");
                s.append(fmt("- finals complete & exactly once: %d / %d (lost %d, doubled %d, other %d)%n", r.complete,
                        r.scenario.conversations(), r.lost, r.doubled, r.otherProblems));
                for (String line : r.slackLines) {
                    s.append("- ").append(line).append('\n');
                }
                s.append('\n');
            }
        }
    }

    private static String targets(List<RunResult> runs, UploadRun.Result upload, SoakResult soak) {
        StringBuilder s = new StringBuilder("| target | measured | met |\n|---|---|---|\n");
        RunResult biggest = runs.stream().filter(r -> r.scenario.mode() == BenchPlatform.Mode.ENFORCE
                && !r.scenario.sqlite()).reduce((a, b) -> b.scenario.conversations() >= a.scenario.conversations() ? b : a)
                .orElse(null);
        if (biggest != null) {
            int n = biggest.scenario.conversations();
            double ratio = biggest.finished() ? biggest.wallMs / (double) biggest.idealMs : Double.POSITIVE_INFINITY;
            s.append(fmt("| %d conversations: wall time within 10%% of ideal | %s | %s |%n", n,
                    biggest.finished() ? fmt("%.1f s vs %.1f s (%+.1f%%)", biggest.wallMs / 1e3, biggest.idealMs / 1e3, (ratio - 1) * 100)
                            : fmt("%d of %d not done within the cap; the other %d by %.1f s vs %.1f s ideal",
                                    n - biggest.done, n, biggest.done, biggest.lastDoneMs / 1e3, biggest.idealMs / 1e3),
                    yes(ratio <= 1.10)));
            for (Map.Entry<String, RunResult.Lag> e : biggest.lags.entrySet()) {
                RunResult.Lag l = e.getValue();
                s.append(fmt("| %d conversations, %s: lag p99 ≤ fair share + 0.25 s | %.2f s vs %.2f s | %s |%n", n, e.getKey(),
                        l.p99(), l.fairShare() + 0.25, yes(l.met())));
            }
            s.append(fmt("| %d conversations: heap < 512 MB | peak used %d MB (live after GC %d MB) | %s |%n", n,
                    biggest.stats.peakHeap() >> 20, biggest.stats.peakHeapAfterGc() >> 20, yes(biggest.stats.peakHeap() < 512L << 20)));
        }
        List<RunResult> enforced = runs.stream().filter(r -> r.scenario.mode() == BenchPlatform.Mode.ENFORCE).collect(Collectors.toList());
        if (!enforced.isEmpty()) {
            long refused = enforced.stream().mapToLong(RunResult::refused).sum();
            s.append(fmt("| zero refused calls (every enforced run) | %d | %s |%n", refused, yes(refused == 0)));
            long bad = enforced.stream().filter(RunResult::finished).mapToLong(r -> r.lost + r.doubled + r.otherProblems).sum();
            s.append(fmt("| zero lost or doubled texts (every enforced run that finished) | %d conversations with a problem | %s |%n",
                    bad, yes(bad == 0)));
        }
        if (upload != null) {
            s.append(fmt("| %d MB upload adds < 64 MB heap | +%d MB (live after GC: %d MB above the start) | %s |%n",
                    upload.bytes() >> 20, upload.heapIncrease() >> 20, (upload.peakHeapAfterGc() - upload.baselineHeap()) >> 20,
                    yes(upload.heapIncrease() < 64L << 20 && upload.shaMatches())));
        }
        if (soak != null) {
            s.append(fmt("| soak, %,d conversations: heap after GC at the end ≤ after the first %,d + 16 MB | %.1f MB → %.1f MB (%+.1f MB) | %s |%n",
                    soak.settings().conversations(), soak.first().conversations(), soak.first().heapBytes() / 1048576.0,
                    soak.end().heapBytes() / 1048576.0, soak.heapGrowth() / 1048576.0, yes(soak.passed())));
            long refused = soak.calls().stream().mapToLong(c -> c.refused() + c.late()).sum();
            s.append(fmt("| soak: every conversation's thread as it should be, no refused or late call | %,d of %,d complete,"
                    + " %d refused or late | %s |%n", soak.complete(), soak.settings().conversations(), refused,
                    yes(soak.complete() == soak.settings().conversations() && refused == 0)));
        }
        return s.toString();
    }

    static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }

    private static String machine() {
        String cpu = "";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return fmt("%d cores (%s), %.0f GB memory, load average at start %s", Runtime.getRuntime().availableProcessors(),
                cpu.isEmpty() ? "cpu unknown" : cpu, memKb / 1048576.0, System.getProperty("bench.load", "?"));
    }

    private static String osRelease() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .findFirst().map(l -> "(" + l.substring(12).replace("\"", "") + ")").orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
