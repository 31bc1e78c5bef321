package io.nemobot.bench;

import io.nemobot.conversation.Footprint;
import java.util.List;
import java.util.Map;

/**
 * What the soak run measured: heap and the core's footprint at each sample point, how the
 * conversations ended, the platforms' calls, and the classes that grew between the first sample and
 * the end.
 *
 * @param settings      how it ran
 * @param samples       in order; the first is after {@code settings.firstSample()} conversations, the last the end
 * @param complete      conversations whose thread was as it should be
 * @param withProblems  conversations with a problem (see {@link SoakChecks})
 * @param stuck         conversations not done within the per-conversation limit
 * @param peakLive      most conversations live at once
 * @param queuedNotices "📥 queued" notices (an export said while the turn before it was still ending)
 * @param problemSamples the first few problems
 * @param calls         per platform
 * @param growth        classes whose live bytes grew most from the first sample to the end
 * @param wallSeconds   the whole run
 * @param botCpuSeconds this process's CPU time over the run
 * @param simCpuSeconds the simulator process's
 * @param sessions      sessions the simulator created
 */
public record SoakResult(SoakRun.Settings settings, List<Sample> samples, int complete, int withProblems, int stuck,
        int peakLive, int queuedNotices, List<String> problemSamples, List<Calls> calls, List<String> growth, double wallSeconds, double botCpuSeconds,
        double simCpuSeconds, long sessions) {
    /** The pass criterion: the end's heap at most this much above the first sample's. */
    public static final long ALLOWED_GROWTH = 16L << 20;

    public SoakResult {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a soak needs a first sample and an end: " + samples.size());
        }
        samples = List.copyOf(samples);
        problemSamples = List.copyOf(problemSamples);
        calls = List.copyOf(calls);
        growth = List.copyOf(growth);
    }

    /**
     * The state at one point: all conversations started so far done and their threads checked, the
     * core idle.
     *
     * @param label          what point
     * @param conversations  conversations started (and done) so far
     * @param simulatedHours how far the core's clock has run
     * @param wallSeconds    since the run started
     * @param heapBytes      heap used after full collections
     * @param footprint      what the core keeps
     * @param bucketsNeverReleased at most how many rate buckets the core would hold if it never released one
     * @param storeBindings  thread bindings the SQLite store holds in memory
     * @param harness        what the soak platforms themselves hold
     */
    public record Sample(String label, int conversations, double simulatedHours, double wallSeconds, long heapBytes,
            Footprint footprint, long bucketsNeverReleased, long storeBindings, String harness) {
    }

    /** One platform's calls. */
    public record Calls(String platform, long posts, long edits, long refused, Map<String, Long> refusedBy, long late,
            List<String> lateSamples, long tooLong) {
        public Calls {
            refusedBy = Map.copyOf(refusedBy);
            lateSamples = List.copyOf(lateSamples);
        }
    }

    public Sample first() {
        return samples.get(0);
    }

    public Sample end() {
        return samples.get(samples.size() - 1);
    }

    /** End minus first sample (bytes; negative when the heap shrank). */
    public long heapGrowth() {
        return end().heapBytes() - first().heapBytes();
    }

    public boolean passed() {
        return heapGrowth() <= ALLOWED_GROWTH;
    }
}
