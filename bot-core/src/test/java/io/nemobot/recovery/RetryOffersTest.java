package io.nemobot.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A Retry button stays good for twelve hours of the injected clock, then the offer is gone from memory too. */
class RetryOffersTest {
    private final AtomicLong nanos = new AtomicLong(42_000_000_000L);
    private final RetryOffers offers = new RetryOffers(nanos::get);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static ThreadKey thread(int i) {
        return new ThreadKey("test", "W1", "C1", "T" + i);
    }

    @Test
    void anOfferIsTakenOnceWithinItsTime() {
        offers.offer(thread(1), "make a video of a lighthouse");
        advance(RetryOffers.KEPT.minusMinutes(1));
        assertEquals(Optional.of("make a video of a lighthouse"), offers.take(thread(1)));
        assertEquals(Optional.empty(), offers.take(thread(1)), "a second click finds nothing to retry");
    }

    @Test
    void offersNobodyTakesLapseAndAreReleased() {
        for (int i = 0; i < 1000; i++) {
            offers.offer(thread(i), "prompt " + i);
        }
        assertEquals(1000, offers.count());
        advance(RetryOffers.KEPT);
        assertEquals(0, offers.count(), "lapsed offers are not kept");
        assertEquals(Optional.empty(), offers.take(thread(7)));
    }
}
