package io.nemobot.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Released once when the simulator state it belongs to is reset or closed: every pause, hang and
 * delay waits on it, so nothing the simulator holds outlives a reset.
 */
final class Gate {

    /** The longest anything waits, even if never released: the backend's 15-minute stream limit. */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private static final long POLL_MILLIS = 10;

    private final CountDownLatch released = new CountDownLatch(1);

    void release() {
        released.countDown();
    }

    boolean isReleased() {
        return released.getCount() == 0;
    }

    /** Waits {@code duration}; true when the gate was released meanwhile (the caller must give up). */
    boolean sleep(Duration duration) throws InterruptedException {
        return released.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits for {@code other} to open; true when this gate was released first (or time ran out). */
    boolean awaitOther(CountDownLatch other) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!other.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (isReleased() || System.nanoTime() - deadline > 0) {
                return true;
            }
        }
        return false;
    }
}
