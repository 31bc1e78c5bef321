package io.nemobot.conversation;

import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.ThreadTurnGate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per chat thread: the thread's work runs in arrival order, one task at a time, while
 * different threads never wait for each other. With a gate, a task also waits for the thread's turn
 * in the whole fleet (another process may run the thread's previous message), and a task that must
 * wait for another process runs its {@code whenHeldElsewhere} first. Lanes exist only while they have work, also when a
 * task fails with an error.
 */
public final class ThreadLanes {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadLanes.class);

    private final Executor executor;
    private final ThreadTurnGate gate;
    private final Map<ThreadKey, Lane> lanes = new HashMap<>();

    public ThreadLanes(Executor executor) {
        this(executor, null);
    }

    /** {@code gate}: each task runs holding its thread's fleet-wide lease (null: one process, no lease). */
    public ThreadLanes(Executor executor, ThreadTurnGate gate) {
        this.executor = executor;
        this.gate = gate;
    }

    /** Queues the task; returns how many tasks of this thread were ahead of it (0: it runs now). */
    public int submit(ThreadKey thread, Runnable task) {
        return submit(thread, task, () -> { });
    }

    /**
     * As above; {@code whenHeldElsewhere} runs once, in the lane before the task, if the task has to wait
     * for another process's turn of the thread (a fleet only). The count returned cannot know of that wait.
     */
    public int submit(ThreadKey thread, Runnable task, Runnable whenHeldElsewhere) {
        Lane lane;
        int ahead;
        boolean start;
        synchronized (this) {
            lane = lanes.computeIfAbsent(thread, Lane::new);
            ahead = lane.pending.size() + (lane.running ? 1 : 0);
            lane.pending.add(new Task(task, whenHeldElsewhere));
            start = !lane.running;
            lane.running = true;
        }
        if (start) {
            try {
                executor.execute(() -> drain(lane));
            } catch (RejectedExecutionException e) {
                abandon(lane); // shutting down: nothing of this lane will run
                throw e;
            }
        }
        return ahead;
    }

    /** Whether the thread has work running or queued. */
    public synchronized boolean busy(ThreadKey thread) {
        Lane lane = lanes.get(thread);
        return lane != null && lane.running;
    }

    /** Whether tasks of the thread wait behind the one running. */
    public synchronized boolean waiting(ThreadKey thread) {
        Lane lane = lanes.get(thread);
        return lane != null && !lane.pending.isEmpty();
    }

    public synchronized int activeLanes() {
        return lanes.size();
    }

    /** Waits until no thread has work running or queued, at most {@code timeout}; true when none has. */
    public synchronized boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!lanes.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void drain(Lane lane) {
        boolean emptied = false;
        try {
            while (true) {
                Task next;
                synchronized (this) {
                    next = lane.pending.poll();
                    if (next == null) {
                        lane.running = false;
                        lanes.remove(lane.thread);
                        emptied = true;
                        notifyAll(); // one waiting for the lanes to empty
                        return;
                    }
                }
                try {
                    if (gate == null) {
                        next.run().run();
                    } else {
                        gate.run(lane.thread, next.run(), next.whenHeldElsewhere());
                    }
                } catch (RuntimeException e) {
                    LOG.error("A task of thread {} failed", lane.thread, e);
                }
            }
        } finally {
            if (!emptied) {
                // An error escaped a task: the rest of the lane goes on elsewhere, or the thread would
                // wait behind a task that never ends (and its lane would never go).
                LOG.error("A task of thread {} ended with an error; the thread's next tasks go on", lane.thread);
                handOn(lane);
            }
        }
    }

    private void handOn(Lane lane) {
        try {
            executor.execute(() -> drain(lane));
        } catch (RejectedExecutionException e) {
            abandon(lane);
        }
    }

    private synchronized void abandon(Lane lane) {
        lane.pending.clear();
        lane.running = false;
        lanes.remove(lane.thread, lane);
        notifyAll();
    }

    private record Task(Runnable run, Runnable whenHeldElsewhere) {
        Task {
            java.util.Objects.requireNonNull(run, "run");
            java.util.Objects.requireNonNull(whenHeldElsewhere, "whenHeldElsewhere");
        }
    }

    private static final class Lane {
        private final ThreadKey thread;
        private final ArrayDeque<Task> pending = new ArrayDeque<>();
        private boolean running;

        Lane(ThreadKey thread) {
            this.thread = thread;
        }
    }
}
