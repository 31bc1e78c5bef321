package io.nemobot.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fleet runs' section of the report: several bot processes over one PostgreSQL, one of them killed in one run. */
final class FleetReport {
    private FleetReport() {
    }

    static String oneLine(FleetResult f) {
        RunResult r = f.run();
        return fmt("%s: %s, ideal %.1f s, complete %d, explained %d, lost %d, doubled %d, other %d, refused %d,"
                + " sessions %d, bot CPU %.1f s (%s), PostgreSQL CPU %.1f s", r.scenario.name(),
                r.finished() ? fmt("wall %.1f s", r.wallMs / 1e3) : "NOT DONE at cap (" + r.done + "/" + r.scenario.conversations() + ")",
                r.idealMs / 1e3, r.complete, r.explained, r.lost, r.doubled, r.otherProblems, r.refused(), r.sim.get("sessions"),
                f.botCpuNanos() / 1e9, perProcess(f), f.postgresCpuNanos() / 1e9) + refusedBy(r) + shares(f);
    }

    /** Refused calls per platform and rule (for Slack, per Web API method). */
    private static String refusedBy(RunResult r) {
        StringBuilder s = new StringBuilder();
        for (RunResult.Calls c : r.calls.values()) {
            if (!c.refusedBy().isEmpty()) {
                s.append(s.length() == 0 ? "; refused by " : ", ").append(c.platform()).append(' ').append(c.refusedBy());
            }
        }
        return s.toString();
    }

    private static String shares(FleetResult f) {
        StringBuilder s = new StringBuilder("; shares:");
        for (FleetResult.NodeFigures n : f.nodes()) {
            s.append(' ').append(n.id()).append(' ').append(n.shares()).append(';');
        }
        s.setLength(s.length() - 1);
        return s.toString();
    }

    static String markdown(List<FleetResult> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("## Several processes\n\n");
        s.append("Each run: a fresh PostgreSQL (Debian's server, on tmpfs, default durability), bot processes in their own"
                + " JVMs (`NodeMain`: the real core, `PostgresStore` + `PostgresFleet`, `NEMO_INSTANCE_ID` p1…), the"
                + " enforcing platforms in the driver behind a loopback HTTP server (every process's calls counted together),"
                + " each user message to the next live process in turn. Fleet lease " + runs.get(0).lease()
                + ". Budgets divided by " + runs.get(0).shareMode() + ".\n\n");
        s.append("| run | N | processes | wall s | ideal s | wall / ideal | completed & once | explained by a survivor | lost |"
                + " doubled | other problems | refused calls | sessions created | backend tokens | bot CPU s (per process) |"
                + " PostgreSQL CPU s | simulator CPU s | driver CPU s |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
        for (FleetResult f : runs) {
            RunResult r = f.run();
            s.append("| ").append(r.scenario.name()).append(" | ").append(r.scenario.conversations()).append(" | ")
                    .append(f.nodes().size()).append(" | ");
            s.append(r.finished() ? fmt("%.1f | %.1f | %.3f", r.wallMs / 1e3, r.idealMs / 1e3, r.wallMs / (double) r.idealMs)
                    : fmt("> %.0f (cap; %d done, the last at %.1f s) | %.1f | -", r.capMs / 1e3, r.done, r.lastDoneMs / 1e3,
                            r.idealMs / 1e3));
            s.append(fmt(" | %d | %d | %d | %d | %d | %d | %d | %d | %.1f (%s) | %.1f | %.1f | %.1f |%n", r.complete, r.explained,
                    r.lost, r.doubled, r.otherProblems, r.refused(), r.sim.get("sessions"), f.tokensIssued(),
                    f.botCpuNanos() / 1e9, perProcess(f), f.postgresCpuNanos() / 1e9, r.simCpuNanos / 1e9,
                    r.stats.cpuNanos() / 1e9));
        }
        s.append('\n');
        for (FleetResult f : runs) {
            details(s, f);
        }
        return s.toString();
    }

    /** Target lines for the report's table. */
    static String targets(List<FleetResult> runs) {
        StringBuilder s = new StringBuilder();
        for (FleetResult f : runs) {
            RunResult r = f.run();
            String name = r.scenario.name();
            int n = r.scenario.conversations();
            boolean ended = r.done == n;
            if (f.killedAtMs() < 0) {
                double ratio = r.finished() ? r.wallMs / (double) r.idealMs : Double.POSITIVE_INFINITY;
                s.append(fmt("| %s: every reply complete and exactly once | %d / %d | %s |%n", name, r.complete, n, yes(r.complete == n)));
                s.append(fmt("| %s: wall ≤ 1.2 × ideal | %s | %s |%n", name, r.finished()
                        ? fmt("%.1f s vs %.1f s (%.3f)", r.wallMs / 1e3, r.idealMs / 1e3, ratio) : "not done at the cap", yes(ratio <= 1.2)));
            } else {
                long late = f.explainDelaysMs().stream().filter(d -> d > 60_000).count();
                s.append(fmt("| %s: every conversation ends (completed, or explained within a minute of the kill) | %d completed + %d"
                        + " explained of %d; %d explained later than a minute | %s |%n", name, r.complete, r.explained, n, late,
                        yes(ended && r.complete + r.explained == n && late == 0)));
            }
            s.append(fmt("| %s: 0 doubled replies or links | %d | %s |%n", name, r.doubled, yes(r.doubled == 0)));
            s.append(fmt("| %s: 0 refused platform calls | %d | %s |%n", name, r.refused(), yes(r.refused() == 0)));
            s.append(fmt("| %s: sessions created = conversations | %d / %d | %s |%n", name, r.sim.get("sessions"), n,
                    yes(r.sim.get("sessions") == n)));
        }
        return s.toString();
    }

    private static void details(StringBuilder s, FleetResult f) {
        RunResult r = f.run();
        s.append("- **").append(r.scenario.name()).append("**: kinds ").append(r.kinds);
        for (FleetResult.NodeFigures n : f.nodes()) {
            s.append(fmt("; %s %d messages, CPU %.1f s, peak RSS %d MB%s, share %s", n.id(), n.messages(), n.cpuNanos() / 1e9,
                    n.peakRss() >> 20, n.killed() ? " (killed; CPU until the kill)" : "", n.shares()));
        }
        s.append(fmt("; %d of %d second messages (\"export\") went to another process than the first", f.moved(), f.exportsAsked()));
        if (f.killedAtMs() >= 0) {
            List<Long> d = f.explainDelaysMs();
            s.append(fmt("; killed at %.1f s; %d messages it had been handed and never acknowledged delivered again a second"
                    + " later (same event ids), as a platform does", f.killedAtMs() / 1e3, f.redelivered()));
            s.append(d.isEmpty() ? "; nothing needed explaining" : fmt("; explained %d turns %.1f–%.1f s after the kill (median %.1f s)",
                    d.size(), d.get(0) / 1e3, d.get(d.size() - 1) / 1e3, d.get(d.size() / 2) / 1e3));
        }
        if (!f.explained().isEmpty()) {
            s.append("; explained: conversations ").append(f.explained().subList(0, Math.min(12, f.explained().size())))
                    .append(f.explained().size() > 12 ? " …" : "");
        }
        s.append(fmt("; message → stream start p50 %.2f s, p99 %.2f s", r.streamStart[0], r.streamStart[1]));
        s.append("; requests reached the simulator at: ").append(r.arrivals);
        for (Map.Entry<String, RunResult.Lag> e : r.lags.entrySet()) {
            RunResult.Lag l = e.getValue();
            s.append(fmt("; %s lag p50 %.2f s, p99 %.2f s (fair share %.2f s)", e.getKey(), l.p50(), l.p99(), l.fairShare()));
        }
        for (RunResult.Calls c : r.calls.values()) {
            s.append(fmt("; %s %d posts, %d edits", c.platform(), c.posts(), c.edits()));
            if (!c.refusedBy().isEmpty()) {
                s.append(", refused ").append(c.refusedBy());
            }
        }
        if (r.queuedNotices > 0) {
            s.append("; \"queued\" notices ").append(r.queuedNotices);
        }
        s.append('\n');
        for (String p : r.problemSamples) {
            s.append("  - ").append(p).append('\n');
        }
        for (String p : r.notDone) {
            s.append("  - ").append(p).append('\n');
        }
        s.append("  - CPU cores used (5-s averages; \"bot\" is the driver here): ").append(r.stats.cpuSeries()).append('\n');
        for (RunResult.Calls c : r.calls.values()) {
            if (!c.firstRefusals().isEmpty()) {
                s.append("  - ").append(c.platform()).append(" first refusals: ").append(String.join("; ", c.firstRefusals())).append('\n');
            }
        }
        s.append('\n');
    }

    /**
     * A process's shares during the run, e.g. "1/3 from the start, 1/2 at 97.1 s": the one in force at {@code t0},
     * then each change before {@code end}, in seconds after {@code t0}.
     */
    static String shares(List<Node.ShareChange> changes, long t0, long end) {
        StringBuilder s = new StringBuilder();
        Double atStart = null;
        for (Node.ShareChange c : changes) {
            if (c.at() <= t0) {
                atStart = c.share();
            }
        }
        if (atStart != null) {
            s.append(share(atStart)).append(" from the start");
        }
        for (Node.ShareChange c : changes) {
            if (c.at() > t0 && c.at() <= end) {
                s.append(s.length() == 0 ? "" : ", ").append(share(c.share()))
                        .append(String.format(Locale.ROOT, " at %.1f s", (c.at() - t0) / 1e9));
            }
        }
        return s.length() == 0 ? "not reported" : s.toString();
    }

    /** 1/n when the share is one, else three decimals. */
    static String share(double share) {
        long n = Math.round(1 / share);
        if (Math.abs(share * n - 1) < 1e-9) {
            return n == 1 ? "all" : "1/" + n;
        }
        return String.format(Locale.ROOT, "%.3f", share);
    }

    private static String perProcess(FleetResult f) {
        StringBuilder s = new StringBuilder();
        for (FleetResult.NodeFigures n : f.nodes()) {
            s.append(s.length() == 0 ? "" : ", ").append(n.id()).append(' ').append(fmt("%.1f", n.cpuNanos() / 1e9))
                    .append(n.killed() ? "†" : "");
        }
        return s.toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
