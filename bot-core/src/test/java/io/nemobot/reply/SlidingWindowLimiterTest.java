package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The sliding-window limiter under a hand-moved clock: times are plain nanos, nothing sleeps. */
class SlidingWindowLimiterTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long MS = Duration.ofMillis(1).toNanos();

    private final AtomicLong now = new AtomicLong(123_456_789_000L);
    private final LongSupplier clock = now::get;

    @Test
    void afterASmallBurstPermitsAreSpacedOverThePeriod() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, SECOND, clock.getAsLong());
        limiter.take(clock.getAsLong());
        assertTrue(limiter.available(clock.getAsLong()), "a burst of two");
        limiter.take(clock.getAsLong());
        assertFalse(limiter.available(clock.getAsLong()), "then a fifth of the period (plus the margin) apart");
        long wait = limiter.nanosUntilPermit(clock.getAsLong());
        assertTrue(wait >= 200 * MS && wait <= 210 * MS, "waited " + wait);
        now.addAndGet(wait);
        assertTrue(limiter.available(clock.getAsLong()));
    }

    @Test
    void aLongQuietSpellStoresOnlyATenthOfTheBudget() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(50, Duration.ofMinutes(1).toNanos(), clock.getAsLong());
        now.addAndGet(Duration.ofHours(1).toNanos());
        int burst = 0;
        while (limiter.available(clock.getAsLong())) {
            limiter.take(clock.getAsLong());
            burst++;
        }
        assertEquals(5, burst);
    }

    @Test
    void greedyCallersNeverGetMoreThanThePermitsInAnyWindow() {
        Random random = new Random(3);
        for (int permits : new int[] {1, 3, 5, 50}) {
            SlidingWindowLimiter limiter = new SlidingWindowLimiter(permits, SECOND, clock.getAsLong());
            List<Long> taken = new ArrayList<>();
            for (int step = 0; step < 5000; step++) {
                now.addAndGet(random.nextInt(3) == 0 ? random.nextInt(400) * MS : random.nextInt(5) * MS);
                long t = clock.getAsLong();
                if (limiter.available(t)) {
                    limiter.take(t);
                    taken.add(t);
                }
            }
            assertTrue(taken.size() > permits, "some permits were given");
            int busiest = EditPacerTest.busiestWindow(taken, Duration.ofSeconds(1));
            assertTrue(busiest <= permits, permits + " per second, but a window held " + busiest);
        }
    }

    @Test
    void aPauseHoldsEveryPermitUntilItEnds() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(10, SECOND, clock.getAsLong());
        long t = clock.getAsLong();
        limiter.pause(t + 3 * SECOND, t);
        assertFalse(limiter.available(t));
        assertTrue(limiter.nanosUntilPermit(t) >= 3 * SECOND, "at least the platform's retry-after");
        now.addAndGet(3 * SECOND - MS);
        assertFalse(limiter.available(clock.getAsLong()));
        now.addAndGet(MS + 110 * MS);
        assertTrue(limiter.available(clock.getAsLong()), "one interval (plus the margin) after the pause");
        long later = clock.getAsLong();
        limiter.pause(later + SECOND, later);
        limiter.pause(later + 10 * MS, later);
        assertTrue(limiter.nanosUntilPermit(later) >= SECOND, "a shorter pause does not cut a longer one");
    }

    @Test
    void aClockGoingBackwardsGrantsNothingMore() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, SECOND, clock.getAsLong());
        limiter.take(clock.getAsLong());
        limiter.take(clock.getAsLong());
        now.addAndGet(-10 * SECOND);
        assertFalse(limiter.available(clock.getAsLong()));
    }

    @Test
    void aCallCountsFromWhenItReturnedNotWhenItWasAllowed() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, SECOND, clock.getAsLong());
        long first = clock.getAsLong();
        limiter.take(first, true);
        limiter.take(first, true);
        now.addAndGet(300 * MS);
        long sent = clock.getAsLong();
        limiter.sent(first, sent);
        limiter.sent(first, sent);
        now.addAndGet(5 * SECOND);
        assertFalse(limiter.available(clock.getAsLong()), "calls on their way count as made now");
        long back = clock.getAsLong();
        limiter.returned(sent, back);
        limiter.returned(sent, back);
        now.addAndGet(SECOND);
        assertFalse(limiter.available(clock.getAsLong()), "the window runs from the returns (plus its margin)");
        now.addAndGet(20 * MS);
        assertTrue(limiter.available(clock.getAsLong()));
    }

    @Test
    void itIsIdleOnlyWhenNoCallIsOnItsWayOrInItsWindowAndNoPauseIsLeft() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, SECOND, clock.getAsLong());
        assertTrue(limiter.idle(clock.getAsLong()), "a new limiter holds nothing");
        long granted = clock.getAsLong();
        limiter.take(granted, true);
        now.addAndGet(5 * SECOND);
        assertFalse(limiter.idle(clock.getAsLong()), "a call on its way counts as just made");
        limiter.returned(granted, clock.getAsLong());
        now.addAndGet(SECOND / 2);
        assertFalse(limiter.idle(clock.getAsLong()), "the returned call is in its window");
        now.addAndGet(SECOND);
        assertTrue(limiter.idle(clock.getAsLong()));
        limiter.pause(clock.getAsLong() + 3 * SECOND, clock.getAsLong());
        assertFalse(limiter.idle(clock.getAsLong()), "the platform said to wait");
        now.addAndGet(3 * SECOND);
        assertTrue(limiter.idle(clock.getAsLong()));
    }
}
