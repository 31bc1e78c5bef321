package io.nemobot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test scheduler itself: tests that pace on it rely on tasks running exactly when time passes them. */
class ManualSchedulerTest {
    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void aPeriodicTaskRunsOncePerPeriodPassedUntilCancelled() {
        List<Long> ranAt = new ArrayList<>();
        long start = scheduler.nanoTime();
        ScheduledFuture<?> ticker = scheduler.scheduleAtFixedRate(() -> ranAt.add(scheduler.nanoTime() - start),
                100, 250, TimeUnit.MILLISECONDS);
        scheduler.advance(Duration.ofMillis(1000));
        assertEquals(List.of(100L, 350L, 600L, 850L), ranAt.stream().map(n -> n / 1_000_000).toList());
        assertTrue(!ticker.isDone(), "a periodic task is never done by itself");
        ticker.cancel(false);
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(4, ranAt.size(), "nothing runs after cancel");
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aFixedDelayTaskRunsAlongsideOneShotTasksInDueOrder() {
        List<String> order = new ArrayList<>();
        scheduler.scheduleWithFixedDelay(() -> order.add("tick"), 0, 1, TimeUnit.SECONDS);
        scheduler.schedule(() -> order.add("once"), 1500, TimeUnit.MILLISECONDS);
        scheduler.advance(Duration.ofMillis(2500));
        assertEquals(List.of("tick", "tick", "once", "tick"), order);
        scheduler.shutdownNow();
        assertEquals(0, scheduler.pending());
    }
}
