package io.nemobot.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's share of each platform budget: 1 / the processes live now. A platform counts a
 * bot's calls whichever process makes them (a Slack workspace's tiers, a Discord bot's 50 requests a
 * second), so with n live processes each may use 1/n of every limit and together they stay within it.
 * The count is read again at each heartbeat ({@link #refresh()}), so when a process joins, closes or
 * dies (its presence expires a lease after its last heartbeat) every survivor's share is re-divided
 * at its next heartbeat. Reading the share is free (the pacers read it on every call); a count that
 * cannot be read (the database is away) keeps the last share rather than guessing a larger one.
 *
 * <p>A process that joins counts the others at once, but they count it only at their next heartbeat:
 * until then their shares are the larger ones of before, and the joiner's would come on top. So a joiner
 * takes no work until every other live process has heartbeated since it joined ({@link Fleet#countedByOthers()},
 * waited for when the core starts, at most a renewal period and a half), then refreshes. The mirror case:
 * one that leaves is counted for {@link #DRAIN} more, since the calls it made just before it closed or died
 * still sit in the platforms' rolling windows (a Slack tier counts the last minute), so a survivor that took
 * the larger share at once could push the sum over the limit.
 */
public final class FleetShare implements DoubleSupplier {
    private static final Logger LOG = LoggerFactory.getLogger(FleetShare.class);

    /** How long a process that left still counts: the longest platform window (a minute) and a margin. */
    public static final Duration DRAIN = Duration.ofSeconds(61);

    private final Fleet fleet;
    private final Clock clock;
    private volatile int live = 1;
    /** The larger count that still holds after processes left, until {@link #heldUntil}; guarded by this. */
    private int held;
    private Instant heldUntil = Instant.MIN;
    /** The processes counted live at the last refresh; guarded by this. */
    private int counted = 1;

    public FleetShare(Fleet fleet, Clock clock) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads how many processes are live now and re-divides the share; logs a line when it changed. */
    public synchronized void refresh() {
        int now;
        try {
            now = Math.max(1, fleet.liveInstances()); // this process counts even when its own row lags
        } catch (RuntimeException e) {
            LOG.debug("Live processes could not be counted ({}); the share stays 1/{}", e.toString(), live);
            return;
        }
        int before = live;
        Instant at = clock.instant();
        if (now < counted) { // some left: the count before still holds for a while
            held = Math.max(counted, at.isBefore(heldUntil) ? held : 0);
            heldUntil = at.plus(DRAIN);
        }
        live = at.isBefore(heldUntil) ? Math.max(now, held) : now;
        if (live != before || now != counted) {
            LOG.info("{} live{}: this one takes {} of each platform budget", now == 1 ? "1 process" : now + " processes",
                    live == now ? "" : " (counted as " + live + " for a minute after some left)",
                    live == 1 ? "all" : "1/" + live);
        }
        counted = now;
    }

    /** The processes this one divides each budget by (this one included; the ones that left a moment ago too). */
    public int liveProcesses() {
        return live;
    }

    @Override
    public double getAsDouble() {
        return 1.0 / live;
    }
}
