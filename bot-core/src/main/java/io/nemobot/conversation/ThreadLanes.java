package io.nemobot.conversation;

import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Arrival;
import io.nemobot.fleet.ThreadTurnGate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per chat thread: the thread's work runs in arrival order, one task at a time, while
 * different threads never wait for each other. With a gate (a fleet), the lane's tasks are ordered by
 * the messages' own {@link Arrival} (the platform's time), and the oldest one also waits for the thread's
 * turn in the whole fleet: another process may run the thread's previous message, or have an older one
 * waiting. It asks again after a pause, taking a still older task of its own that arrived meanwhile
 * first; a task that must wait for another process runs its {@code whenHeldElsewhere} once. Tasks that
 * queue behind this lane's running one are queued fleet-wide at once. Lanes exist only while they have
 * work, also when a task fails with an error.
 */
public final class ThreadLanes {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadLanes.class);

    private final Executor executor;
    private final ThreadTurnGate gate;
    private final Map<ThreadKey, Lane> lanes = new HashMap<>();
    private long submitted;

    public ThreadLanes(Executor executor) {
        this(executor, null);
    }

    /** {@code gate}: each task runs holding its thread's fleet-wide lease (null: one process, no lease). */
    public ThreadLanes(Executor executor, ThreadTurnGate gate) {
        this.executor = executor;
        this.gate = gate;
    }

    /** Queues the task, arrived now; returns how many tasks of this thread were ahead of it (0: it runs now). */
    public int submit(ThreadKey thread, Runnable task) {
        return submit(thread, new Arrival(Instant.now(), "task-" + java.util.UUID.randomUUID()), task, () -> { });
    }

    /**
     * As above, for the message that arrived at {@code arrival}; {@code whenHeldElsewhere} runs once, in
     * the lane before the task, if the task has to wait for another process's turn of the thread (a fleet
     * only). The count returned cannot know of that wait. In a fleet, a task queued behind a running one
     * is put in the fleet's queue of the thread before this returns (one database write).
     */
    public int submit(ThreadKey thread, Arrival arrival, Runnable task, Runnable whenHeldElsewhere) {
        if (gate != null && busy(thread)) {
            gate.queue(thread, arrival);
        }
        Lane lane;
        int ahead;
        boolean start;
        synchronized (this) {
            lane = lanes.computeIfAbsent(thread, this::lane);
            ahead = lane.pending.size() + (lane.running ? 1 : 0);
            lane.pending.add(new Task(submitted++, arrival, task, whenHeldElsewhere));
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
                    next = gate == null ? lane.pending.poll() : lane.pending.peek();
                    if (next == null) {
                        lane.running = false;
                        lanes.remove(lane.thread);
                        emptied = true;
                        notifyAll(); // one waiting for the lanes to empty
                        return;
                    }
                }
                if (gate == null) {
                    runSafely(lane, next);
                } else {
                    enter(lane, next);
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

    /** The lane's oldest task, in a fleet: runs it if its turn has come, else waits a moment for the next try. */
    private void enter(Lane lane, Task next) {
        ThreadTurnGate.Entry entry = gate.tryEnter(lane.thread, next.arrival());
        if (entry == ThreadTurnGate.Entry.WAIT) {
            if (!next.told) {
                next.told = true;
                gate.waiting(lane.thread, next.whenHeldElsewhere());
            }
            try {
                gate.pause(next.tries++);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: this task will not run
                synchronized (this) {
                    lane.pending.remove(next);
                }
                gate.leave(lane.thread, next.arrival());
            }
            return;
        }
        synchronized (this) {
            lane.pending.remove(next);
        }
        try {
            runSafely(lane, next);
        } finally {
            if (entry == ThreadTurnGate.Entry.TAKEN) {
                gate.release(lane.thread);
            }
        }
    }

    private void runSafely(Lane lane, Task task) {
        try {
            task.run().run();
        } catch (RuntimeException e) {
            LOG.error("A task of thread {} failed", lane.thread, e);
        }
    }

    private Lane lane(ThreadKey thread) {
        // One process: the order the tasks came in. A fleet: the messages' own order, as every process sees it.
        Queue<Task> pending = gate == null ? new ArrayDeque<>()
                : new PriorityQueue<>(Comparator.comparing(Task::arrival).thenComparingLong(Task::seq));
        return new Lane(thread, pending);
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

    /**
     * A queued task; {@code told}: the user already heard it waits for another process; {@code tries}: how
     * often it asked for the thread's lease (both touched by the lane's thread only).
     */
    private static final class Task {
        private final long seq;
        private final Arrival arrival;
        private final Runnable run;
        private final Runnable whenHeldElsewhere;
        private boolean told;
        private int tries;

        Task(long seq, Arrival arrival, Runnable run, Runnable whenHeldElsewhere) {
            this.seq = seq;
            this.arrival = java.util.Objects.requireNonNull(arrival, "arrival");
            this.run = java.util.Objects.requireNonNull(run, "run");
            this.whenHeldElsewhere = java.util.Objects.requireNonNull(whenHeldElsewhere, "whenHeldElsewhere");
        }

        long seq() {
            return seq;
        }

        Arrival arrival() {
            return arrival;
        }

        Runnable run() {
            return run;
        }

        Runnable whenHeldElsewhere() {
            return whenHeldElsewhere;
        }
    }

    private static final class Lane {
        private final ThreadKey thread;
        private final Queue<Task> pending;
        private boolean running;

        Lane(ThreadKey thread, Queue<Task> pending) {
            this.thread = thread;
            this.pending = pending;
        }
    }
}
