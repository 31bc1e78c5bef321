package io.nemobot.fleet;

import io.nemobot.chat.ThreadKey;
import io.nemobot.nemo.Sleeper;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fleet-wide "one turn at a time per thread": a thread's task waits, in its lane, until this process
 * holds the thread's lease (another process may be running the thread's previous message), and gives
 * the lease back when the task ends, whatever happened in it. A task that has to wait says so once
 * ({@code whenWaiting}: the user is told their message is queued, as for a busy thread in one process). When the database cannot answer, the task
 * runs anyway (a reply late or out of order beats no reply), and says so in the log.
 */
public final class ThreadTurnGate {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadTurnGate.class);

    private final Fleet fleet;
    private final Sleeper sleeper;
    private final Duration retryEvery;

    public ThreadTurnGate(Fleet fleet, Sleeper sleeper, Duration retryEvery) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retryEvery = Objects.requireNonNull(retryEvery, "retryEvery");
    }

    /** Runs the task holding the thread's lease; returns without running it only when interrupted (shutting down). */
    public void run(ThreadKey thread, Runnable task) {
        run(thread, task, () -> { });
    }

    /**
     * As above; {@code whenWaiting} runs once, before the first wait, when another process holds the
     * thread (it is not run when the lease is free at once).
     */
    public void run(ThreadKey thread, Runnable task, Runnable whenWaiting) {
        boolean held;
        try {
            held = await(thread, whenWaiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            task.run();
        } finally {
            if (held) {
                release(thread);
            }
        }
    }

    private boolean await(ThreadKey thread, Runnable whenWaiting) throws InterruptedException {
        boolean logged = false;
        while (true) {
            try {
                if (fleet.tryTakeThread(thread)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("Thread {}: its lease could not be taken ({}); the turn runs without it", thread, e.toString());
                return false;
            }
            if (!logged) {
                LOG.info("Thread {} is busy in another process; its next turn waits here", thread);
                logged = true;
                try {
                    whenWaiting.run();
                } catch (RuntimeException e) {
                    LOG.warn("Thread {}: telling the user the message waits failed ({})", thread, e.toString());
                }
            }
            sleeper.sleep(retryEvery);
        }
    }

    private void release(ThreadKey thread) {
        try {
            fleet.releaseThread(thread);
        } catch (RuntimeException e) {
            LOG.warn("Thread {}: its lease could not be given back ({}); it expires instead", thread, e.toString());
        }
    }
}
