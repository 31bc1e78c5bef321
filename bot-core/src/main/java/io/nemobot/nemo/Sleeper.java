package io.nemobot.nemo;

import java.time.Duration;

/** Waits; injected so tests need not wait for real. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
