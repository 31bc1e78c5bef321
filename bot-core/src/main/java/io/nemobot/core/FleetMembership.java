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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * this process's share of the platform budgets among the live processes. A process that joins others
 * takes no work until each of them has counted it ({@link #takePart}).
 */
final class FleetMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetMembership.class);
    /** How often a waiting turn asks again for its thread's lease. */
    private static final Duration GATE_RETRY = Duration.ofMillis(100);
    /** How often a joining process asks whether the others have counted it. */
    private static final Duration COUNT_POLL = Duration.ofMillis(200);

    private final Fleet fleet;
    private final FleetSettings settings;
    private final ThreadTurnGate gate;
    private final FleetShare share;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<ScheduledFuture<?>> upkeep = new ArrayList<>();
    /** Closed (stopping): a start still waiting to be counted stops waiting. */
    private volatile boolean closed;
    /** The heartbeat runs (and the wait to be counted is done, or under way); guarded by this. */
    private boolean takingPart;

    private FleetMembership(Fleet fleet, FleetSettings settings, ThreadTurnGate gate, Clock clock, Sleeper sleeper) {
        this.fleet = fleet;
        this.settings = settings;
        this.gate = gate;
        this.clock = clock;
        this.sleeper = sleeper;
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
            return new FleetMembership(fleet, settings, new ThreadTurnGate(fleet, sleeper, GATE_RETRY), clock,
                    sleeper);
        }
        return new FleetMembership(new SingleProcessFleet(settings.instanceId(), store::claimRenderLink), settings, null,
                clock, sleeper);
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

    /**
     * Starts the heartbeat (from now on the others see this process live) and waits until they have counted
     * this one ({@link #awaitCounted()}); only the first call does anything (a shared fleet only).
     */
    void takePart(ScheduledExecutorService scheduler) {
        synchronized (this) {
            if (!fleet.shared() || takingPart) {
                return;
            }
            takingPart = true;
            long renew = settings.renewEvery().toMillis();
            upkeep.add(scheduler.scheduleWithFixedDelay(() -> safely("heartbeat", this::heartbeat), renew, renew,
                    TimeUnit.MILLISECONDS));
        }
        awaitCounted(); // not holding the lock: closing stops the wait
    }

    /** Starts the sweep taking over what dead processes left (a shared fleet only). */
    synchronized void startSweep(ScheduledExecutorService scheduler, ConversationService service) {
        if (!fleet.shared()) {
            return;
        }
        long sweep = settings.sweepEvery().toMillis();
        upkeep.add(scheduler.scheduleWithFixedDelay(() -> safely("sweep", service::sweepFleet), sweep, sweep,
                TimeUnit.MILLISECONDS));
    }

    /**
     * Returns once every other live process has counted this one (each renewed its presence after this one
     * joined, and re-divided its share right after), then counts again: until then this process's share
     * already counts the others but theirs does not count it, so together they would call the platforms
     * more than their budgets allow. A process alone returns at once. The others renew every
     * {@link FleetSettings#renewEvery()}: after one and a half of those (a process whose clock is behind,
     * or one that stopped without leaving) it takes work anyway. Called once the heartbeat runs, so two
     * processes joining together count each other.
     */
    private void awaitCounted() {
        if (!fleet.shared() || counted()) {
            return;
        }
        Duration limit = settings.renewEvery().multipliedBy(3).dividedBy(2);
        long polls = (limit.toMillis() + COUNT_POLL.toMillis() - 1) / COUNT_POLL.toMillis();
        int others = othersLive();
        LOG.info("Fleet: waiting for the {} other live process{} to count this one before taking work (at most {})",
                others, others == 1 ? "" : "es", seconds(limit));
        Instant start = clock.instant();
        boolean counted = false;
        // Bounded by the polls too, not only by the clock: a clock may stand still.
        for (long poll = 0; !counted && !closed && poll < polls; poll++) {
            Duration left = limit.minus(Duration.between(start, clock.instant()));
            if (left.isNegative() || left.isZero()) {
                break;
            }
            try {
                sleeper.sleep(left.compareTo(COUNT_POLL) < 0 ? left : COUNT_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: the caller sees the flag
                break;
            }
            counted = counted();
        }
        String waited = seconds(Duration.between(start, clock.instant()));
        if (counted) {
            LOG.info("Fleet: counted by every other live process after {}; taking work", waited);
        } else {
            LOG.info("Fleet: not counted by every other live process after {} (a process whose clock is behind this"
                    + " one's, or one that stopped without leaving); taking work anyway", waited);
        }
        share.refresh();
    }

    private boolean counted() {
        try {
            return fleet.countedByOthers();
        } catch (RuntimeException e) {
            LOG.debug("Whether the others counted this process could not be read ({})", e.toString());
            return false;
        }
    }

    private int othersLive() {
        try {
            return Math.max(1, fleet.liveInstances() - 1);
        } catch (RuntimeException e) {
            return Math.max(1, share.liveProcesses() - 1);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
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
        closed = true;
        upkeep.forEach(f -> f.cancel(false));
        try {
            fleet.close();
        } catch (RuntimeException e) {
            LOG.info("Fleet: leaving failed ({}); this process's leases expire instead", e.toString());
        }
    }
}
