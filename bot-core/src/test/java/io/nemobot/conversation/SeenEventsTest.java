package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A redelivered event is ignored; ids are forgotten after two hours of the injected clock. */
class SeenEventsTest {
    private final AtomicLong nanos = new AtomicLong(7_000_000_000L);
    private final SeenEvents seen = new SeenEvents(nanos::get);

    @Test
    void aRedeliveryIsIgnoredAndIdsAreForgottenAfterTheirTime() {
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.first("event-" + i));
        }
        nanos.addAndGet(Duration.ofMinutes(30).toNanos());
        assertFalse(seen.first("event-3"), "the platform delivered event-3 again");
        assertEquals(500, seen.count());
        nanos.addAndGet(SeenEvents.KEPT.toNanos());
        assertEquals(0, seen.count(), "ids are not kept for ever");
    }
}
