package io.nemobot.core;

import io.nemobot.config.Settings;
import io.nemobot.conversation.ConversationService;
import io.nemobot.fleet.Fleet;
import io.nemobot.fleet.FleetSettings;
import io.nemobot.fleet.FleetShare;
import io.nemobot.fleet.SingleProcessFleet;
import io.nemobot.fleet.ThreadTurnGate;
import io.nemobot.nemo.Sleeper;
import io.nemobot.store.PostgresFleet;
import io.nemobot.store.PostgresStore;
import io.nemobot.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's place among the processes sharing its store: a PostgreSQL store is shared (any
 * number of processes may use it, so the fleet is coordinated through it), any other store belongs
 * to this process alone. Keeps the membership up: a heartbeat renewing the leases, and a sweep that
 * takes over what dead processes left, both on the core's scheduler. Each heartbeat also re-divides
 * this process's share of the platform budgets among the live processes.
 */
final class FleetMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMembership.class);
    /** How often a waiting turn asks again for its thread's lease. */
    private static final Duration GATE_RETRY = Duration.ofMillis(100);

    private final Fleet fleet;
    private final FleetSettings settings;
    private final ThreadTurnGate gate;
    private final FleetShare share;
    private final List<ScheduledFuture<?>> upkeep = new ArrayList<>();

    private FleetMembership(Fleet fleet, FleetSettings settings, ThreadTurnGate gate, Clock clock) {
        this.fleet = fleet;
        this.settings = settings;
        this.gate = gate;
        this.share = new FleetShare(fleet, clock);
        if (fleet.shared()) {
            share.refresh();
        }
    }

    static FleetMembership join(Settings values, Store store, Clock clock, Sleeper sleeper) {
        FleetSettings settings = FleetSettings.of(values);
        if (store instanceof PostgresStore shared) {
            PostgresFleet fleet = PostgresFleet.join(shared, settings, clock);
            LOG.info("Fleet: instance {} joined ({} live), leases of {}", settings.instanceId(), fleet.liveInstances(),
                    settings.lease());
            return new FleetMembership(fleet, settings, new ThreadTurnGate(fleet, sleeper, GATE_RETRY), clock);
        }
        return new FleetMembership(new SingleProcessFleet(settings.instanceId(), store::claimRenderLink), settings, null, clock);
    }

    Fleet fleet() {
        return fleet;
    }

    /** This process's share of each platform budget (always 1 for a single process). */
    FleetShare share() {
        return share;
    }

    /** The thread gate of a shared fleet; null for a single process. */
    ThreadTurnGate gate() {
        return gate;
    }

    /** Starts the heartbeat and the sweep (a shared fleet only). */
    synchronized void start(ScheduledExecutorService scheduler, ConversationService service) {
        if (!fleet.shared()) {
            return;
        }
        long renew = settings.renewEvery().toMillis();
        long sweep = settings.sweepEvery().toMillis();
        upkeep.add(scheduler.scheduleWithFixedDelay(() -> safely("heartbeat", this::heartbeat), renew, renew,
                TimeUnit.MILLISECONDS));
        upkeep.add(scheduler.scheduleWithFixedDelay(() -> safely("sweep", service::sweepFleet), sweep, sweep,
                TimeUnit.MILLISECONDS));
    }

    private void heartbeat() {
        fleet.heartbeat();
        share.refresh();
    }

    private static void safely(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("Fleet {} failed ({}); it runs again shortly", what, e.toString());
        }
    }

    /** Leaves the fleet, giving this process's leases back. */
    @Override
    public synchronized void close() {
        upkeep.forEach(f -> f.cancel(false));
        try {
            fleet.close();
        } catch (RuntimeException e) {
            LOG.info("Fleet: leaving failed ({}); this process's leases expire instead", e.toString());
        }
    }
}
