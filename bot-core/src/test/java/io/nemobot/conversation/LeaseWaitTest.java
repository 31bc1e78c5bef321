package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Arrival;
import io.nemobot.fleet.Fleet;
import io.nemobot.fleet.SingleProcessFleet;
import io.nemobot.fleet.ThreadTurnGate;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message whose thread is busy in another process waits for the thread's lease, asking the database
 * again and again: often at first (the other turn may be ending), then less often, so a message waiting
 * out a long turn does not ask ten times a second. Waiting time is the injected sleeper's, not real.
 */
class LeaseWaitTest {
    private static final Duration OTHER_TURN = Duration.ofSeconds(20);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final ThreadKey thread = new ThreadKey("test", "W1", "C1", "T1");
    /** The time the waiting message has slept so far. */
    private Duration slept = Duration.ZERO;
    private int asked;
    private Duration startedAfter;

    /** A fleet in which another process holds the thread for {@link #OTHER_TURN} of the sleeper's time. */
    private Fleet busyFor20Seconds() {
        SingleProcessFleet alone = new SingleProcessFleet("a");
        return (Fleet) Proxy.newProxyInstance(Fleet.class.getClassLoader(), new Class<?>[] {Fleet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("tryTakeThread") && args != null && args.length == 2) {
                        asked++;
                        if (slept.compareTo(OTHER_TURN) < 0) {
                            return false;
                        }
                    }
                    try {
                        return method.invoke(alone, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aMessageWaitingOutAnotherProcesssLongTurnAsksAFewTimesASecondAndStartsSoonAfterIt() {
        ArrayDeque<Runnable> pool = new ArrayDeque<>();
        ThreadTurnGate gate = new ThreadTurnGate(busyFor20Seconds(), d -> slept = slept.plus(d), FIRST_PAUSE);
        ThreadLanes lanes = new ThreadLanes(pool::add, gate);
        List<String> told = new ArrayList<>();
        lanes.submit(thread, new Arrival(Instant.parse("2026-01-05T10:00:00Z"), "m1"), () -> startedAfter = slept,
                () -> told.add("waits"));
        while (!pool.isEmpty()) {
            pool.poll().run();
        }
        assertEquals(List.of("waits"), told, "the user is told once that the message waits");
        assertTrue(startedAfter != null, "the message ran once the thread was free");
        assertTrue(startedAfter.compareTo(OTHER_TURN.plus(FIRST_PAUSE.multipliedBy(8))) <= 0,
                "started " + startedAfter + " after it began waiting: within a longest pause of the other turn's end");
        assertTrue(asked <= 32, asked + " tries in 20 s (10 a second would be 200)");
        assertTrue(asked >= 20, asked + " tries: still a few a second");
    }
}
