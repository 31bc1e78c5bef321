package io.nemobot.simulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Released once when the simulator state it belongs to is reset or closed: every pause, hang and
 * delay waits on it, so nothing the simulator holds outlives a reset.
 */
final class Gate {

    /** The longest anything waits, even if never released: the backend's 15-minute stream limit. */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private final CountDownLatch released = new CountDownLatch(1);
    private final Set<CountDownLatch> waiters = ConcurrentHashMap.newKeySet();
    /** Threads in {@link #sleep}: each parks on its own (a timed wait on one shared latch costs every waiter). */
    private final Set<Thread> sleepers = ConcurrentHashMap.newKeySet();

    void release() {
        released.countDown();
        waiters.forEach(CountDownLatch::countDown);
        sleepers.forEach(LockSupport::unpark);
    }

    boolean isReleased() {
        return released.getCount() == 0;
    }

    /** Waits {@code duration}; true when the gate was released meanwhile (the caller must give up). */
    boolean sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        Thread me = Thread.currentThread();
        sleepers.add(me);
        try {
            while (!isReleased()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return true;
        } finally {
            sleepers.remove(me);
        }
    }

    /** Waits for {@code condition}; true when this gate was released first (or time ran out). */
    boolean awaitCondition(BooleanSupplier condition) throws InterruptedException {
        if (condition.getAsBoolean()) {
            return isReleased();
        }
        CountDownLatch wake = new CountDownLatch(1);
        waiters.add(wake);
        ConditionWatcher.Watch watch = ConditionWatcher.watch(condition, wake::countDown);
        try {
            if (isReleased()) {
                return true;
            }
            boolean woken = wake.await(MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            return !woken || isReleased();
        } finally {
            watch.cancel();
            waiters.remove(wake);
        }
    }
}
