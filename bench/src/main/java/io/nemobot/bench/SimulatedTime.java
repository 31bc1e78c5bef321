package io.nemobot.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for the soak run: the system's clocks at real speed plus an offset the driver moves forward,
 * so hours pass in minutes. The core gets {@link #clock()} and {@link #nanoTime()} as its clock and
 * ticker, and the soak platforms count their budgets on the same ticker, so core and platforms agree
 * on when a window has passed. The offset never goes back.
 */
final class SimulatedTime {
    private final AtomicLong offsetNanos = new AtomicLong();
    private final Clock clock = new Offset(ZoneOffset.UTC);

    /** {@code System.nanoTime()} plus the offset. */
    long nanoTime() {
        return System.nanoTime() + offsetNanos.get();
    }

    /** The wall clock plus the offset. */
    Clock clock() {
        return clock;
    }

    /** Moves time forward (never back). */
    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        offsetNanos.addAndGet(by.toNanos());
    }

    /** How far ahead of real time this runs. */
    Duration offset() {
        return Duration.ofNanos(offsetNanos.get());
    }

    private final class Offset extends Clock {
        private final ZoneId zone;

        Offset(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return new Offset(other);
        }

        @Override
        public Instant instant() {
            return Instant.now().plusNanos(offsetNanos.get());
        }
    }
}
