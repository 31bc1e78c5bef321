package io.nemobot.fleet;

import io.nemobot.chat.ThreadKey;
import io.nemobot.nemo.Sleeper;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet-wide "one turn at a time per thread, in the order the messages were written": a thread lane asks
 * here, for the oldest message it has, whether the message may start ({@link #tryEnter}); it may once
 * this process holds the thread's lease, which goes to the oldest message waiting anywhere in the fleet,
 * so a later message reaching this process never jumps ahead of an earlier one waiting on another. The
 * lane pauses between tries ({@link #pause}), tells the user once that the message waits, and gives the
 * lease back when the task ends. Messages waiting behind a turn of this process are queued fleet-wide at
 * once ({@link #queue}), so another process's later message does not slip in when that turn ends. When
 * the database cannot answer, the task runs anyway (a reply late or out of order beats no reply), and
 * says so in the log.
 */
public final class ThreadTurnGate {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadTurnGate.class);

    /** What a try gave. */
    public enum Entry {
        /** This process holds the thread's lease: the message runs now, and gives it back after. */
        TAKEN,
        /** Another process runs the thread, or has an older message of it waiting: try again after a pause. */
        WAIT,
        /** The database could not answer: the message runs now without the lease. */
        WITHOUT_LEASE
    }

    /** The longest pause between two tries, in first pauses. */
    static final int MAX_BACKOFF = 8;

    private final Fleet fleet;
    private final Sleeper sleeper;
    private final Duration retryEvery;

    public ThreadTurnGate(Fleet fleet, Sleeper sleeper, Duration retryEvery) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retryEvery = Objects.requireNonNull(retryEvery, "retryEvery");
    }

    /** Puts a message that waits behind this process's own turn of the thread in the fleet's queue. */
    public void queue(ThreadKey thread, Arrival arrival) {
        try {
            fleet.queueForThread(thread, arrival);
        } catch (RuntimeException e) {
            LOG.warn("Thread {}: a waiting message could not be queued fleet-wide ({}); it is at its turn", thread,
                    e.toString());
        }
    }

    /** Whether the message may start now (see {@link Entry}). */
    public Entry tryEnter(ThreadKey thread, Arrival arrival) {
        try {
            return fleet.tryTakeThread(thread, arrival) ? Entry.TAKEN : Entry.WAIT;
        } catch (RuntimeException e) {
            LOG.warn("Thread {}: its lease could not be taken ({}); the turn runs without it", thread, e.toString());
            leave(thread, arrival);
            return Entry.WITHOUT_LEASE;
        }
    }

    /** The message waits for another process: the user is told once (its lane calls this once per message). */
    public void waiting(ThreadKey thread, Runnable whenWaiting) {
        LOG.info("Thread {} is busy in another process; its next turn waits here", thread);
        try {
            whenWaiting.run();
        } catch (RuntimeException e) {
            LOG.warn("Thread {}: telling the user the message waits failed ({})", thread, e.toString());
        }
    }

    /**
     * Waits before the next try ({@code tries}: the tries so far): the first pauses are short, so a message
     * queued behind a turn that is about to end starts at once; then they double up to {@link #MAX_BACKOFF}
     * times the first, so a message waiting out a long turn asks the database a few times a second, not ten.
     * Interrupted: shutting down.
     */
    public void pause(int tries) throws InterruptedException {
        sleeper.sleep(pauseBefore(tries));
    }

    /** The pause before the next try, after {@code tries} tries. */
    Duration pauseBefore(int tries) {
        return retryEvery.multipliedBy(Math.min(MAX_BACKOFF, 1L << Math.min(Math.max(tries - 1, 0), 16)));
    }

    /** The message will not run (shutting down): it leaves the fleet's queue. */
    public void leave(ThreadKey thread, Arrival arrival) {
        try {
            fleet.leaveThreadQueue(thread, arrival);
        } catch (RuntimeException e) {
            LOG.info("Thread {}: a dropped message stays queued until the next heartbeat ({})", thread, e.toString());
        }
    }

    /** Gives the thread's lease back after the turn, whatever happened in it. */
    public void release(ThreadKey thread) {
        try {
            fleet.releaseThread(thread);
        } catch (RuntimeException e) {
            LOG.warn("Thread {}: its lease could not be given back ({}); it expires instead", thread, e.toString());
        }
    }
}
