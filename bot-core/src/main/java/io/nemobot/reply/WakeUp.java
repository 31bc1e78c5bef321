package io.nemobot.reply;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EditPacer}'s next pass: one scheduled at a time, moved only earlier (a later time asked
 * meanwhile is looked after by the pass, which schedules the next). Guarded by the pacer's lock.
 */
final class WakeUp {
    private static final Logger LOG = LoggerFactory.getLogger(WakeUp.class);

    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final Runnable pass;
    private ScheduledFuture<?> next;
    private long at;

    WakeUp(ScheduledExecutorService scheduler, LongSupplier clock, Runnable pass) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.pass = pass;
    }

    /** Makes sure a pass runs at {@code when} ({@code nanoTime}) or earlier. */
    void at(long when) {
        if (next != null && !next.isDone() && at - when <= 0) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        at = when;
        try {
            next = scheduler.schedule(pass, Math.max(0, when - clock.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Pacer stopped; dropping wake-up");
        }
    }

    /** The pass has started: the next one is to be scheduled anew. */
    void started() {
        next = null;
    }
}
