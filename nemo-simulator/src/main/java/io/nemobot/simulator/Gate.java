package io.nemobot.simulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Released once when the simulator state it belongs to is reset or closed: every pause, hang and
 * delay waits on it, so nothing the simulator holds outlives a reset.
 */
final class Gate {

    /** The longest anything waits, even if never released: the backend's 15-minute stream limit. */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private final CountDownLatch released = new CountDownLatch(1);
    /**
     * One latch per waiting thread, all counted down on release: a thousand streams pausing on the
     * one {@code released} latch would each walk its queue of waiters on every timed wake-up.
     */
    private final Set<CountDownLatch> waiters = ConcurrentHashMap.newKeySet();

    void release() {
        released.countDown();
        waiters.forEach(CountDownLatch::countDown);
    }

    boolean isReleased() {
        return released.getCount() == 0;
    }

    /** Waits {@code duration}; true when the gate was released meanwhile (the caller must give up). */
    boolean sleep(Duration duration) throws InterruptedException {
        CountDownLatch wake = new CountDownLatch(1);
        waiters.add(wake);
        try {
            if (isReleased()) {
                return true;
            }
            wake.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            return isReleased();
        } finally {
            waiters.remove(wake);
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
