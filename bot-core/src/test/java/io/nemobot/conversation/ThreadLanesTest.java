package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Arrival;
import io.nemobot.fleet.SingleProcessFleet;
import io.nemobot.fleet.ThreadTurnGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thread's lane keeps order, and ends, also when a task fails with an error. */
class ThreadLanesTest {
    private final ArrayDeque<Runnable> pool = new ArrayDeque<>();
    private final ThreadLanes lanes = new ThreadLanes(pool::add);
    private final ThreadKey thread = new ThreadKey("test", "W1", "C1", "T1");

    /** Runs what was handed to the pool like pool threads would: an error ends its thread, not the pool. */
    private void runPool() {
        while (!pool.isEmpty()) {
            try {
                pool.poll().run();
            } catch (Throwable e) {
                // a pool thread dying of an error
            }
        }
    }

    @Test
    void oneProcessRunsAThreadsTasksInTheOrderTheyCameWhateverTheirStamps() {
        List<String> ran = new ArrayList<>();
        lanes.submit(thread, written(5, "late"), () -> ran.add("first in"), () -> { });
        lanes.submit(thread, written(1, "early"), () -> ran.add("second in"), () -> { });
        runPool();
        assertEquals(List.of("first in", "second in"), ran);
    }

    @Test
    void aFleetsLaneRunsItsWaitingTasksByTheMessagesTimeSoItsOrderMatchesTheOtherProcesses() {
        ThreadLanes fleetLanes = new ThreadLanes(pool::add,
                new ThreadTurnGate(new SingleProcessFleet("a"), d -> { }, Duration.ofMillis(1)));
        List<String> ran = new ArrayList<>();
        fleetLanes.submit(thread, written(1, "m1"), () -> ran.add("m1"), () -> { });
        fleetLanes.submit(thread, written(9, "m9"), () -> ran.add("m9"), () -> { });
        fleetLanes.submit(thread, written(5, "m5"), () -> ran.add("m5"), () -> { });
        runPool();
        assertEquals(List.of("m1", "m5", "m9"), ran);
        assertEquals(0, fleetLanes.activeLanes());
    }

    private static Arrival written(int second, String eventId) {
        return new Arrival(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(second), eventId);
    }

    @Test
    void tasksRunInOrderAndTheLaneEnds() {
        List<String> ran = new ArrayList<>();
        assertEquals(0, lanes.submit(thread, () -> ran.add("first")));
        assertTrue(lanes.submit(thread, () -> ran.add("second")) > 0, "the second waits behind the first");
        assertTrue(lanes.busy(thread));
        runPool();
        assertEquals(List.of("first", "second"), ran);
        assertEquals(0, lanes.activeLanes());
    }

    @Test
    void aTaskThatFailsWithAnErrorDoesNotStallTheThread() {
        List<String> ran = new ArrayList<>();
        lanes.submit(thread, () -> {
            throw new StackOverflowError("deep");
        });
        lanes.submit(thread, () -> ran.add("next message"));
        runPool();
        assertEquals(List.of("next message"), ran, "the thread's next message still runs");
        assertEquals(0, lanes.activeLanes(), "and the lane is released");
    }
}
