package io.nemobot.render;

import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The render each thread has in flight (one at a time: a second export in the thread is told one is
 * running), and a wait for the moment none is left, for a caller that must not leave while a link is
 * still to come (the terminal mode, when its user quits).
 */
final class ActiveRenders {
    private final Map<ThreadKey, String> byThread = new HashMap<>();

    synchronized int size() {
        return byThread.size();
    }

    synchronized boolean has(ThreadKey thread) {
        return byThread.containsKey(thread);
    }

    /** Whether {@code renderId} is the thread's render in flight (not ended yet). */
    synchronized boolean isActive(ThreadKey thread, String renderId) {
        return renderId.equals(byThread.get(thread));
    }

    synchronized void add(ThreadKey thread, String renderId) {
        byThread.put(thread, renderId);
    }

    /** The render ended (or moved to another process): the thread may export again. */
    synchronized void end(ThreadKey thread, String renderId) {
        if (byThread.remove(thread, renderId) && byThread.isEmpty()) {
            notifyAll();
        }
    }

    /** Waits until no render is in flight, at most {@code timeout}; true when none is. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!byThread.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
