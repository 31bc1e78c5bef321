package io.nemobot.bench;

import java.util.List;

/** The report's per-run details (where the time went, what was refused first) and how to read the numbers. */
final class ReportDetails {
    private ReportDetails() {
    }

    static void details(StringBuilder s, List<RunResult> runs) {
        s.append("## Details\n\n");
        for (RunResult r : runs) {
            s.append("- **").append(r.scenario.name()).append("**: kinds ").append(r.kinds);
            s.append(fmt("; message → stream start p50 %.2f s, p99 %.2f s, max %.2f s", r.streamStart[0], r.streamStart[1],
                    r.streamStart[2]));
            s.append("; requests reached the simulator at: ").append(r.arrivals);
            s.append("; harness hand-off per session: ").append(r.handOff);
            s.append(fmt("; clock skew between the processes %d µs", r.skewMicros));
            if (r.queuedNotices > 0) {
                s.append("; \"queued\" notices ").append(r.queuedNotices);
            }
            if (r.unseen > 0 || r.unemitted > 0) {
                s.append("; chunks never shown ").append(r.unseen).append(", never emitted ").append(r.unemitted);
            }
            for (RunResult.Calls c : r.calls.values()) {
                if (!c.refusedBy().isEmpty()) {
                    s.append("; ").append(c.platform()).append(r.scenario.mode() == BenchPlatform.Mode.UNPACED ? " would refuse " : " refused ")
                            .append(c.refusedBy());
                }
                if (c.tooLong() > 0 || c.misrouted() > 0) {
                    s.append("; ").append(c.platform()).append(" too long ").append(c.tooLong()).append(", cross-talk ").append(c.misrouted());
                }
            }
            s.append(fmt("; GCs %d (%d ms)", r.stats.gcCount(), r.stats.gcMillis()));
            s.append('\n');
            for (String p : r.problemSamples) {
                s.append("  - ").append(p).append('\n');
            }
            for (String p : r.notDone) {
                s.append("  - ").append(p).append('\n');
            }
            s.append("  - CPU cores used (5-s averages): ").append(r.stats.cpuSeries()).append('\n');
            for (RunResult.Calls c : r.calls.values()) {
                s.append("  - ").append(c.platform()).append(" calls per second: ").append(series(c.perSecond())).append('\n');
                if (!c.firstRefusals().isEmpty() && r.scenario.mode() == BenchPlatform.Mode.ENFORCE) {
                    s.append("  - ").append(c.platform()).append(" first refusals: ").append(String.join("; ", c.firstRefusals()))
                            .append('\n');
                }
            }
        }
    }

    /** Calls per second, as 5-second averages. */
    static String series(int[] perSecond) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < perSecond.length; i += 5) {
            int sum = 0;
            int n = 0;
            for (int j = i; j < Math.min(perSecond.length, i + 5); j++) {
                sum += perSecond[j];
                n++;
            }
            s.append(i == 0 ? "" : " ").append(Math.round(sum / (double) n));
        }
        return s + " (5-s averages)";
    }

    static final String HOW_TO_READ = """
            ## How to read this

            - **Setup.** Each run starts a fresh simulator process (the Nemo backend, plus a fake chat-platform CDN) and a
              fresh core in this JVM, with the real HTTP client and SSE on loopback. Conversations alternate between a
              Discord platform (one bot, each conversation in its own thread) and a Slack platform (threads, a fixed number
              of conversations per workspace). All N first messages are sent at once.
            - **Platforms enforce their budgets** the way the adapters declare them to the core: Discord 5 edits per 5 s
              per channel (a thread is a channel) and 50 requests a second per bot (posts too), 2,000 characters;
              Slack every Web API method by its tier (the adapter's SlackTiers table: startStream/stopStream 20, update 50,
              appendStream 100, setStatus 50 a minute per workspace, postMessage 1 a second per channel), each port call
              mapped to the method SlackChatThread would use, the core told the adapter's profile (update + appendStream
              150 a minute per workspace, append-only), 4,000 characters (the core splits at 3,900); Discord at most one
              call per message per second. Status calls refused count as refused posts. A budget is
              a rolling window ("at most P calls in any period T", the strictest reading, so a client that passes it passes
              fixed windows and token buckets of the same numbers). A call over a limit is refused with "rate limited,
              retry after …" and counted. Calls take the configured latency; times are taken when the platform receives
              a call.
            - **Ideal wall time** is the simulator's own script: the longest conversation's stream (the sum of its
              scripted pauses), plus, for exports, the user's 0.5 s before saying "export" and the render's polls. Wall
              time runs from sending the first messages until every conversation's final text (or the render link) has
              reached the platform.
            - **Lag** is measured per chunk: every chunk carries a unique token; the simulator time-stamps it when flushed
              to the socket, the platform when it first appears in a post or edit. Both processes read the same
              monotonic clock (the skew is checked at start). **Fair share**: with `n` conversations drawing on a budget of
              `R` calls a second, each can be edited at best every `n / R` seconds, never more often than the per-message
              interval, the tightest budget deciding: Discord `max(1 s, n_discord / 50)`, Slack
              `max(1 s, n_per_workspace / (150/60))`. A chunk waits on average half that, at worst all of it, so p99 ≈ the
              fair share is what a fair pacer achieves at saturation.
            - **Finals complete & once**: every chunk token appears exactly once across the thread's final messages, in
              order, and the messages joined equal the stream's text (whitespace aside); silent turns show the timeline
              change once; exports end with "✅ Rendered." and exactly one link; no error, "queued" or left-over progress
              line anywhere.
            - **Resources** are this JVM's (the bot; the simulator's CPU is shown apart): heap used sampled every 100 ms
              (garbage included), heap right after each GC (the live set), VmHWM reset at the start of each run, peak live
              threads, process CPU time.
            - **Comparisons**: "one edit per chunk" tells the core the platforms have no limits (no per-message interval,
              no budgets) and counts the calls the real budgets would have refused. Runs that do not finish stop at the
              cap (1.5 × ideal + 20 s).
            """;

    private static String fmt(String f, Object... args) {
        return Report.fmt(f, args);
    }
}
