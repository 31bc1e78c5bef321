package io.nemobot.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (never a bare sleep), failing with a description of what was seen. */
public final class Await {
    /** The longest real wait for anything on a loaded machine; a test that needs it has failed. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout + "; seen: " + seen.get());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            pause = Math.min(pause * 2, 20);
        }
    }

    public static void until(BooleanSupplier condition) {
        until(condition, WAIT, () -> "(no description)");
    }
}
