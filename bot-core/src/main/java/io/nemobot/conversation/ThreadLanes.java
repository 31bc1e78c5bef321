package io.nemobot.conversation;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane per chat thread: the thread's work runs in arrival order, one task at a time, while
 * different threads never wait for each other. Lanes exist only while they have work.
 */
public final class ThreadLanes {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadLanes.class);

    private final Executor executor;
    private final Map<ThreadKey, Lane> lanes = new HashMap<>();

    public ThreadLanes(Executor executor) {
        this.executor = executor;
    }

    /** Queues the task; returns how many tasks of this thread were ahead of it (0: it runs now). */
    public int submit(ThreadKey thread, Runnable task) {
        Lane lane;
        int ahead;
        boolean start;
        synchronized (this) {
            lane = lanes.computeIfAbsent(thread, Lane::new);
            ahead = lane.pending.size() + (lane.running ? 1 : 0);
            lane.pending.add(task);
            start = !lane.running;
            lane.running = true;
        }
        if (start) {
            executor.execute(() -> drain(lane));
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

    private void drain(Lane lane) {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = lane.pending.poll();
                if (next == null) {
                    lane.running = false;
                    lanes.remove(lane.thread);
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("A task of thread {} failed", lane.thread, e);
            }
        }
    }

    private static final class Lane {
        private final ThreadKey thread;
        private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
        private boolean running;

        Lane(ThreadKey thread) {
            this.thread = thread;
        }
    }
}
