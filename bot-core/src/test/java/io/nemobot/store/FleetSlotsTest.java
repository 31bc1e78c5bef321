package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.config.PostgresUrl;
import io.nemobot.fleet.FleetSettings;
import io.nemobot.fleet.SingleProcessFleet;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fleet-wide slots (a limit no share divides, e.g. one post a second per channel) over one real PostgreSQL,
 * three processes simulated as three stores on one injected clock: whoever asks, the slots handed out for
 * one key are a spacing apart, and a key that went quiet costs nothing.
 */
class FleetSlotsTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String CHANNEL = "slack chat.postMessage|T1/C1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
    private final List<PostgresStore> stores = new ArrayList<>();
    private final List<PostgresFleet> fleets = new ArrayList<>();

    @BeforeEach
    void open() {
        PostgresUrl database = PostgresServer.shared().createDatabase();
        for (String id : List.of("a", "b", "c")) {
            PostgresStore store = PostgresStore.open(database);
            stores.add(store);
            fleets.add(PostgresFleet.join(store, new FleetSettings(id, LEASE), clock));
        }
    }

    @AfterEach
    void close() {
        stores.forEach(PostgresStore::close);
    }

    @Test
    void processesPostingIntoOneChannelAtOnceAreGivenSlotsASpacingApart() {
        assertEquals(Duration.ZERO, fleets.get(0).reserveSlot(CHANNEL, SECOND), "the first goes now");
        assertEquals(SECOND, fleets.get(1).reserveSlot(CHANNEL, SECOND), "the next waits a spacing");
        assertEquals(Duration.ofSeconds(2), fleets.get(2).reserveSlot(CHANNEL, SECOND));
        assertEquals(Duration.ZERO, fleets.get(1).reserveSlot("slack chat.postMessage|T1/C2", SECOND),
                "another channel has its own slots");

        clock.advance(Duration.ofMillis(2500));
        assertEquals(Duration.ofMillis(500), fleets.get(0).reserveSlot(CHANNEL, SECOND), "the next free slot: 3 s");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ZERO, fleets.get(2).reserveSlot(CHANNEL, SECOND), "slots long past are not waited for");
    }

    @Test
    void reservationsMadeAtTheSameMomentNeverShareASlot() throws Exception {
        int each = 8;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Duration>> waits = new ArrayList<>();
            for (PostgresFleet fleet : fleets) {
                for (int i = 0; i < each; i++) {
                    waits.add(pool.submit(() -> {
                        go.await();
                        return fleet.reserveSlot(CHANNEL, SECOND);
                    }));
                }
            }
            go.countDown();
            List<Long> seconds = new ArrayList<>();
            for (Future<Duration> wait : waits) {
                seconds.add(wait.get(20, TimeUnit.SECONDS).toSeconds());
            }
            seconds.sort(null);
            List<Long> expected = new ArrayList<>();
            for (long s = 0; s < 3 * each; s++) {
                expected.add(s);
            }
            assertEquals(expected, seconds, "one slot each, one a second, none shared, none skipped");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void slotsOfKeysQuietLongerThanTheirKeepAreDeleted() {
        fleets.get(0).reserveSlot(CHANNEL, SECOND);
        fleets.get(0).reserveSlot("slack chat.postMessage|T1/C2", SECOND);
        assertEquals(2, slotRows());
        clock.advance(FleetSlots.FORGET_AFTER.plusMinutes(1));
        fleets.get(1).reserveSlot("slack chat.postMessage|T1/C3", SECOND);
        assertEquals(1, slotRows(), "only the key just used is left: a channel that went quiet costs nothing");
    }

    @Test
    void aSingleProcessNeverWaitsForASlotItsOwnPacerKeepsTheLimit() {
        SingleProcessFleet alone = new SingleProcessFleet("alone");
        assertEquals(Duration.ZERO, alone.reserveSlot(CHANNEL, SECOND));
        assertEquals(Duration.ZERO, alone.reserveSlot(CHANNEL, SECOND));
    }

    private long slotRows() {
        return stores.get(0).read(s -> s.query("SELECT count(*) FROM fleet_slots", rs -> rs.getLong(1))).get(0);
    }
}
