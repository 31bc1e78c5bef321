package io.nemobot.bench;

import java.util.List;

/**
 * What a fleet run measured beyond a one-process run's figures ({@link #run}, whose resources are the
 * driver's: harness and platforms).
 *
 * @param run          the checks and lags, as in every run
 * @param nodes        each bot process: its CPU during the run, peak RSS, messages handed to it, whether it was killed
 * @param postgresCpuNanos the PostgreSQL server's CPU during the run (postmaster, backends, ended backends)
 * @param lease        the fleet's lease ({@code NEMO_FLEET_LEASE})
 * @param shareMode    how the processes divided the platforms' budgets ({@code -Dbench.fleetShare})
 * @param killedAtMs   when a process was killed, after the first messages; -1 if none was
 * @param explainDelaysMs for each conversation a survivor explained: explanation time minus kill time
 * @param explained    the conversations a survivor explained (with or without a kill)
 * @param moved        conversations whose second message ("export") went to another process than the first
 * @param exportsAsked conversations that had a second message
 * @param tokensIssued anonymous backend tokens the simulator issued (the fleet shares one)
 */
public record FleetResult(RunResult run, List<NodeFigures> nodes, long postgresCpuNanos, String lease, String shareMode, long killedAtMs,
        List<Long> explainDelaysMs, List<Integer> explained, int moved, int exportsAsked, long tokensIssued, int redelivered) {

    /** One bot process; {@code shares}: the share of each budget it paced itself by during the run, and when it changed. */
    public record NodeFigures(String id, long cpuNanos, long peakRss, int messages, boolean killed, String shares) {
    }

    public FleetResult {
        nodes = List.copyOf(nodes);
        explainDelaysMs = explainDelaysMs.stream().sorted().toList();
        explained = List.copyOf(explained);
    }

    public long botCpuNanos() {
        return nodes.stream().mapToLong(NodeFigures::cpuNanos).sum();
    }

    /** Conversations that ended as they would have without a kill. */
    public int completed() {
        return run.done - run.explained;
    }
}
