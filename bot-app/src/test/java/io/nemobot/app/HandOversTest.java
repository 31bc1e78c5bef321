package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** On SIGTERM a process hands its connections over only when another live process can take them. */
class HandOversTest {
    private final AtomicInteger closed = new AtomicInteger();

    @Test
    void withOtherLiveProcessesEveryConnectionIsHandedOver() {
        HandOvers handOvers = new HandOvers(() -> 3).add(this::close).add(() -> false);

        assertEquals(1, handOvers.run(), "one platform had a connection to close");
        assertEquals(1, closed.get());
    }

    @Test
    void aProcessAloneKeepsItsConnectionsSoPeopleAreToldItIsRestarting() {
        assertEquals(0, new HandOvers(() -> 1).add(this::close).run());
        assertEquals(0, closed.get());
    }

    @Test
    void whenTheFleetCannotBeReadTheConnectionsAreKept() {
        HandOvers handOvers = new HandOvers(() -> {
            throw new IllegalStateException("database unreachable");
        }).add(this::close);

        assertEquals(0, handOvers.run());
        assertEquals(0, closed.get());
    }

    @Test
    void aFailingHandOverDoesNotStopTheOthers() {
        HandOvers handOvers = new HandOvers(() -> 2).add(() -> {
            throw new IllegalStateException("boom");
        }).add(this::close);

        assertEquals(1, handOvers.run());
        assertEquals(1, closed.get());
    }

    private boolean close() {
        closed.incrementAndGet();
        return true;
    }
}
