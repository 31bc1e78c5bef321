package io.nemobot.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one run measured. Times in milliseconds unless named otherwise. */
public final class RunResult {
    /** Lag of one platform's chunks. */
    public record Lag(int conversations, int chunks, double p50, double p99, double max, double fairShare) {
        /** The target: p99 at most the fair-share interval + 250 ms. */
        public boolean met() {
            return p99 <= fairShare + 0.25;
        }
    }

    /** One platform's calls. */
    public record Calls(String platform, long posts, long edits, long refusedPosts, long refusedEdits,
            Map<String, String> refusedBy, long tooLong, long misrouted, int[] perSecond, List<String> firstRefusals) {
    }

    public final ConversationRun.Scenario scenario;
    public final Plan.Settings settings;
    public final long idealMs;
    public final long wallMs;
    public final long capMs;
    public final int done;
    public final long skewMicros;
    /** When the last conversation that did finish finished (for runs stopped at the cap). */
    public final long lastDoneMs;
    public final Map<String, Long> sim;
    public final long simCpuNanos;
    public final ProcessStats.Snapshot stats;
    public final Map<String, Lag> lags;
    public final long unemitted;
    /** "Got it, I'll get to this..." notices: the user said export while the bot still held the turn. */
    public final long queuedNotices;
    /** When the simulator received session, state and chat requests, from the first message. */
    public final String arrivals;
    /** The harness's own time per new session (queuing the script in the simulator process). */
    public final String handOff;
    public final long unseen;
    public final int complete;
    public final int lost;
    public final int doubled;
    public final int otherProblems;
    /** Conversations whose turn a surviving process explained (its own process was killed in it): the fleet runs. */
    public final int explained;
    public final List<String> problemSamples;
    public final Map<String, Calls> calls;
    public final Map<String, Integer> kinds;
    /** From sending the first messages to the simulator starting each stream: p50, p99, max, in seconds. */
    public final double[] streamStart;
    public final List<String> notDone;
    /** The one-workspace Slack runs' own figures (Markdown lines), empty otherwise. */
    public final List<String> slackLines;

    private RunResult(Builder b) {
        this.scenario = b.scenario;
        this.settings = b.settings;
        this.idealMs = b.idealMs;
        this.wallMs = b.wallMs;
        this.capMs = b.capMs;
        this.done = b.done;
        this.skewMicros = b.skewMicros;
        this.lastDoneMs = b.lastDoneMs;
        this.sim = b.sim;
        this.simCpuNanos = b.simCpuNanos;
        this.stats = b.stats;
        Map<String, Lag> l = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> e : b.lags.entrySet()) {
            List<Long> v = e.getValue();
            if (!b.fairShare.containsKey(e.getKey())) {
                continue;
            }
            long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
            l.put(e.getKey(), new Lag(b.convsOn.get(e.getKey()), a.length, pct(a, 0.50), pct(a, 0.99),
                    a.length == 0 ? Double.NaN : a[a.length - 1] / 1e9, b.fairShare.get(e.getKey())));
        }
        this.lags = l;
        this.unemitted = b.unemitted;
        this.queuedNotices = b.queuedNotices;
        this.arrivals = b.arrivals;
        this.handOff = b.handOff;
        this.unseen = b.unseen;
        this.complete = b.complete;
        this.lost = b.lost;
        this.doubled = b.doubled;
        this.otherProblems = b.other;
        this.explained = b.explained;
        this.problemSamples = List.copyOf(b.samples);
        this.calls = b.calls;
        this.kinds = b.kinds;
        this.notDone = List.copyOf(b.notDone);
        this.slackLines = List.copyOf(b.slackLines);
        long[] st = b.streamStarts.stream().mapToLong(Long::longValue).sorted().toArray();
        this.streamStart = new double[] {pct(st, 0.5), pct(st, 0.99), st.length == 0 ? Double.NaN : st[st.length - 1] / 1e9};
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e9;
    }

    public long refused() {
        return calls.values().stream().mapToLong(c -> c.refusedEdits() + c.refusedPosts()).sum();
    }

    public boolean finished() {
        return wallMs >= 0;
    }

    /** Collects a run's measurements. */
    static final class Builder {
        final ConversationRun.Scenario scenario;
        final Plan.Settings settings;
        final long idealMs;
        final long wallMs;
        final long capMs;
        final int done;
        long skewMicros;
        long lastDoneMs;
        Map<String, Long> sim;
        long simCpuNanos;
        ProcessStats.Snapshot stats;
        final Map<String, List<Long>> lags = new TreeMap<>();
        final List<Long> streamStarts = new ArrayList<>();
        final Map<String, Double> fairShare = new TreeMap<>();
        final Map<String, Integer> convsOn = new TreeMap<>();
        long unemitted;
        long queuedNotices;
        String arrivals = "";
        String handOff = "-";
        long unseen;
        int complete;
        int lost;
        int doubled;
        int other;
        int explained;
        final List<String> samples = new ArrayList<>();
        final Map<String, Integer> sampled = new TreeMap<>();
        final Map<String, Calls> calls = new LinkedHashMap<>();
        final Map<String, Integer> kinds = new TreeMap<>();
        final List<String> notDone = new ArrayList<>();
        final List<String> slackLines = new ArrayList<>();

        Builder(ConversationRun.Scenario scenario, Plan.Settings settings, long idealMs, long wallMs, long capMs, int done) {
            this.scenario = scenario;
            this.settings = settings;
            this.idealMs = idealMs;
            this.wallMs = wallMs;
            this.capMs = capMs;
            this.done = done;
        }

        void finalChecked(Plan.Conv c, boolean isLost, boolean isDoubled, List<String> problems) {
            kinds.merge(c.kind().name(), 1, Integer::sum);
            if (!isLost && !isDoubled && problems.isEmpty()) {
                complete++;
                return;
            }
            if (isLost) {
                lost++;
            }
            if (isDoubled) {
                doubled++;
            }
            if (!isLost && !isDoubled) {
                other++;
            }
            String category = isDoubled ? "doubled" : isLost ? "lost" : "other";
            if (sampled.merge(category, 1, Integer::sum) <= 4) {
                samples.add("conversation " + c.index() + " (" + c.kind() + ", " + c.platform() + "): "
                        + (isLost ? "lost " : "") + (isDoubled ? "doubled " : "") + String.join("; ", problems));
            }
        }

        /** A conversation a survivor explained: fine unless something showed twice or else went wrong. */
        void explainedChecked(Plan.Conv c, boolean isDoubled, List<String> problems) {
            kinds.merge(c.kind().name(), 1, Integer::sum);
            explained++;
            if (isDoubled) {
                doubled++;
            } else if (!problems.isEmpty()) {
                other++;
            }
            if ((isDoubled || !problems.isEmpty()) && sampled.merge("explained", 1, Integer::sum) <= 4) {
                samples.add("conversation " + c.index() + " (" + c.kind() + ", " + c.platform() + ", explained): "
                        + (isDoubled ? "doubled " : "") + String.join("; ", problems));
            }
        }

        void platform(BenchPlatform p) {
            calls.put(p.rules().name(), new Calls(p.rules().name(), p.posts(), p.edits(), p.refusedPosts(), p.refusedEdits(),
                    p.refusedBy(), p.tooLong(), p.misrouted(), p.callsPerSecond(), p.firstRefusals()));
        }

        RunResult build() {
            return new RunResult(this);
        }
    }
}
