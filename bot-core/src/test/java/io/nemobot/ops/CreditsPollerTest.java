package io.nemobot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.metrics.PrometheusBotMetrics;
import io.nemobot.testing.Exposition;
import io.nemobot.testing.ManualScheduler;
import io.nemobot.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credits are polled on a timer (not per turn), feed the gauge, and show whether the backend answers. */
class CreditsPollerTest {
    private final PrometheusBotMetrics metrics = new PrometheusBotMetrics();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final MutableClock clock = new MutableClock();
    private final AtomicLong balance = new AtomicLong(100);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean backendDown;

    private final CreditsPoller poller = new CreditsPoller(() -> {
        calls.incrementAndGet();
        if (backendDown) {
            throw new IllegalStateException("backend unavailable");
        }
        return balance.get();
    }, metrics, scheduler, clock, Duration.ofMinutes(1));

    @AfterEach
    void close() {
        poller.close();
        metrics.close();
    }

    private double gauge() {
        return Exposition.parse(metrics.scrape()).value("nemo_credits_available");
    }

    @Test
    void pollsAtStartThenEveryIntervalAndFeedsTheGauge() {
        poller.start();
        scheduler.runDue();
        assertEquals(1, calls.get());
        assertEquals(100, gauge());

        balance.set(40);
        scheduler.advance(Duration.ofSeconds(59));
        assertEquals(1, calls.get(), "not before the interval");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(2, calls.get());
        assertEquals(40, gauge());
    }

    @Test
    void theBackendAnsweredRecentlyCheckFollowsThePolls() throws Exception {
        ReadinessCheck answered = ReadinessCheck.answeredWithin(poller::lastAnswer, clock, Duration.ofMinutes(3));
        assertEquals(Optional.of("has not answered yet"), answered.problem());

        poller.poll();
        assertEquals(Optional.empty(), answered.problem());

        backendDown = true;
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(1));
            poller.poll();
        }
        assertEquals(Optional.of("no answer in the last 180 s"), answered.problem());
        assertEquals(100, gauge(), "a failed poll keeps the last known balance");

        backendDown = false;
        poller.poll();
        assertEquals(Optional.empty(), answered.problem());
        assertTrue(poller.lastAnswer().isPresent());
    }

    @Test
    void closingStopsThePolls() {
        poller.start();
        scheduler.runDue();
        poller.close();
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(1, calls.get());
    }
}
