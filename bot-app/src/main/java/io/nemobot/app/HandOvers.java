package io.nemobot.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a stop by signal in a fleet: each platform connection that another live process can
 * stand in for is closed (Slack's Socket Mode: Slack then hands every new event to the other processes'
 * connections), before the core drains its live turns. A process alone keeps its connections, so the
 * people writing while it stops are still told it is restarting; so does one that cannot tell how many
 * processes are live (the database is unreachable).
 */
final class HandOvers {
    private static final Logger LOG = LoggerFactory.getLogger(HandOvers.class);

    private final IntSupplier liveProcesses;
    private final List<BooleanSupplier> steps = new CopyOnWriteArrayList<>();

    /** {@code liveProcesses}: the fleet's live processes, this one included. */
    HandOvers(IntSupplier liveProcesses) {
        this.liveProcesses = liveProcesses;
    }

    /** A platform's hand-over: closes what others can take over, returning whether it closed anything. */
    HandOvers add(BooleanSupplier step) {
        steps.add(step);
        return this;
    }

    /** Runs every hand-over when other processes are live; returns how many closed something. */
    int run() {
        int live;
        try {
            live = liveProcesses.getAsInt();
        } catch (RuntimeException e) {
            LOG.warn("Stopping: cannot tell whether other processes are live ({}); keeping the platform connections",
                    e.toString());
            return 0;
        }
        if (live <= 1) {
            return 0;
        }
        int closed = 0;
        for (BooleanSupplier step : steps) {
            try {
                closed += step.getAsBoolean() ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("Stopping: a hand-over failed: {}", e.toString());
            }
        }
        if (closed > 0) {
            LOG.info("Stopping: {} connection(s) handed over to the {} other live process(es)", closed, live - 1);
        }
        return closed;
    }
}
