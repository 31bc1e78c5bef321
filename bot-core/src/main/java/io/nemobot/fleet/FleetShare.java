package io.nemobot.fleet;

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
 */
public final class FleetShare implements DoubleSupplier {
    private static final Logger LOG = LoggerFactory.getLogger(FleetShare.class);

    private final Fleet fleet;
    private volatile int live = 1;

    public FleetShare(Fleet fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    /** Reads how many processes are live now and re-divides the share; logs a line when it changed. */
    public void refresh() {
        int now;
        try {
            now = Math.max(1, fleet.liveInstances()); // this process counts even when its own row lags
        } catch (RuntimeException e) {
            LOG.debug("Live processes could not be counted ({}); the share stays 1/{}", e.toString(), live);
            return;
        }
        int before = live;
        live = now;
        if (now != before) {
            LOG.info("{} live: this one takes {} of each platform budget",
                    now == 1 ? "1 process" : now + " processes", now == 1 ? "all" : "1/" + now);
        }
    }

    /** The processes counted at the last refresh (this one included). */
    public int liveProcesses() {
        return live;
    }

    @Override
    public double getAsDouble() {
        return 1.0 / live;
    }
}
