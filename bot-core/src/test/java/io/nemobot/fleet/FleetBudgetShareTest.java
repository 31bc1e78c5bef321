package io.nemobot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.PostgresUrl;
import io.nemobot.core.BotCore;
import io.nemobot.nemo.Sleeper;
import io.nemobot.store.PostgresStore;
import io.nemobot.testing.ManualScheduler;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.PostgresServer;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bot processes (cores with their own pools and schedulers) over one real PostgreSQL, on one manual
 * clock: each takes 1 / the live processes of every platform budget, re-divided at its heartbeats when
 * a process joins, closes or dies (stops heartbeating: its presence expires a lease later). A process
 * that joins starts (takes work) only once the live ones have counted it: while it waits, its pauses
 * move the fleet's time (the clock and every started process's scheduler).
 */
class FleetBudgetShareTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration BEAT = LEASE.dividedBy(3);

    @TempDir
    Path data;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Map<BotCore, ManualScheduler> processes = new LinkedHashMap<>();
    private PostgresUrl database;

    @BeforeEach
    void database() {
        database = PostgresServer.shared().createDatabase();
    }

    @AfterEach
    void stop() {
        processes.keySet().forEach(BotCore::close);
    }

    private BotCore process(String id) {
        return process(id, this::moveAll);
    }

    /** A process whose pauses (its wait to be counted at start among them) are {@code sleeper}'s. */
    private BotCore process(String id, Sleeper sleeper) {
        ManualScheduler scheduler = new ManualScheduler();
        BotCore core = builder(id, sleeper).scheduler(scheduler).build();
        core.start();
        processes.put(core, scheduler);
        return core;
    }

    private BotCore.Builder builder(String id, Sleeper sleeper) {
        return TestCores.builder("http://127.0.0.1:9/", data.resolve(id),
                        Map.of("NEMO_INSTANCE_ID", id, "NEMO_FLEET_LEASE", LEASE.toSeconds() + "s"))
                .store(PostgresStore.open(database)).clock(clock).sleeper(sleeper);
    }

    /** {@code d} passes for the clock and for every started process. */
    private void moveAll(Duration d) {
        clock.advance(d);
        processes.values().forEach(s -> s.advance(d));
    }

    /** One heartbeat period passes for the clock and for every listed process (the others stand still, as dead). */
    private void beat(BotCore... alive) {
        clock.advance(BEAT);
        for (BotCore core : alive) {
            processes.get(core).advance(BEAT);
        }
    }

    private static double share(BotCore core) {
        return core.budgetShare().getAsDouble();
    }

    @Test
    void aSecondProcessHalvesEachShareAndItsClosingGivesTheWholeBudgetBack() {
        BotCore a = process("a");
        assertEquals(1.0, share(a), "alone: the whole budget");
        BotCore b = process("b");
        assertEquals(0.5, share(b), "the newcomer counts both at once");
        assertEquals(0.5, share(a), "re-divided at the first process's next heartbeat, before the newcomer started");
        beat(a, b);
        assertEquals(0.5, share(a));

        b.close();
        processes.remove(b);
        beat(a);
        assertEquals(0.5, share(a), "the calls it made just before closing still count on the platform");
        drain(a);
        assertEquals(1.0, share(a), "once its calls left the platforms' windows, the whole budget is back");
    }

    /** Heartbeats until {@link FleetShare#DRAIN} has passed for the listed processes. */
    private void drain(BotCore... alive) {
        for (Duration d = Duration.ZERO; d.compareTo(FleetShare.DRAIN) <= 0; d = d.plus(BEAT)) {
            beat(alive);
        }
    }

    @Test
    void aProcessThatDiesIsNoLongerCountedOneLeaseAfterItsLastHeartbeat() {
        BotCore a = process("a");
        BotCore b = process("b");
        BotCore c = process("c");
        beat(a, b, c);
        assertEquals(1.0 / 3, share(a), 1e-9);
        assertEquals(1.0 / 3, share(c), 1e-9);

        // c dies right after that heartbeat: it never beats again, nor gives anything back.
        beat(a, b);
        beat(a, b);
        assertEquals(1.0 / 3, share(a), 1e-9, "a lease after its last heartbeat it may still be alive");
        beat(a, b);
        assertEquals(1.0 / 3, share(a), 1e-9, "its presence expired, but its last calls still count on the platform");
        beat(a, b);
        assertEquals(1.0 / 3, share(b), 1e-9);
        drain(a, b);
        assertEquals(0.5, share(a), "a minute later the two survivors split each budget");
        assertEquals(0.5, share(b));
    }

    @Test
    void aNewcomerIsCountedAtOnceEvenWhileAProcessThatLeftStillCounts() {
        BotCore a = process("a");
        BotCore b = process("b");
        beat(a, b);
        b.close();
        processes.remove(b);
        beat(a);
        assertEquals(0.5, share(a), "b's calls still count");
        BotCore c = process("c");
        beat(a, c);
        assertEquals(0.5, share(a), 1e-9, "a and c live, b's hold not over: still halves");
        assertEquals(0.5, share(c), 1e-9);
        BotCore d = process("d");
        beat(a, c, d);
        assertEquals(1.0 / 3, share(a), 1e-9, "a third live process shrinks the share at once");
        drain(a, c, d);
        assertEquals(1.0 / 3, share(a), 1e-9, "three stay three");
    }

    @Test
    void aSingleProcessAlwaysTakesTheWholeBudgetAndATestMayPassItsOwnShare() {
        BotCore alone = TestCores.builder("http://127.0.0.1:9/", data.resolve("alone"), Map.of()).build();
        processes.put(alone, new ManualScheduler());
        assertEquals(1.0, share(alone));
        assertEquals(1.0, alone.conversations().budgetShare(), "what the adapters read");
        BotCore half = TestCores.builder("http://127.0.0.1:9/", data.resolve("half"), Map.of()).budgetShare(() -> 0.5)
                .build();
        processes.put(half, new ManualScheduler());
        assertEquals(0.5, half.conversations().budgetShare());
    }

    @Test
    void aNewcomerTakesNoWorkUntilTheLiveProcessCountedItSoTheirSharesNeverAddUpPastTheBudget() {
        BotCore a = process("a");
        moveAll(Duration.ofSeconds(4)); // a's next heartbeat is 6 s away
        List<Double> aWhileBWaited = new ArrayList<>();
        List<Duration> slept = new ArrayList<>();
        BotCore b = process("b", d -> {
            aWhileBWaited.add(share(a));
            slept.add(d);
            moveAll(d);
        });
        Duration waited = total(slept);
        assertTrue(waited.compareTo(Duration.ofSeconds(6)) >= 0, "b started only after a's heartbeat: " + waited);
        assertTrue(waited.compareTo(Duration.ofSeconds(6).plus(Duration.ofMillis(200))) <= 0,
                "and at most one poll (200 ms) after it: " + waited);
        assertEquals(List.of(1.0), aWhileBWaited.stream().distinct().toList(),
                "b waited exactly while a still took the whole budget");
        assertEquals(0.5, share(a), "once b started, a takes half");
        assertEquals(0.5, share(b));
    }

    @Test
    void aLauncherJoiningTheFleetBeforeItConnectsPlatformsWaitsThereAndNotAgainAtStart() {
        BotCore a = process("a");
        List<Duration> slept = new ArrayList<>();
        ManualScheduler scheduler = new ManualScheduler();
        BotCore b = builder("b", d -> {
            slept.add(d);
            moveAll(d);
        }).scheduler(scheduler).build();
        processes.put(b, scheduler);
        b.joinFleet();
        assertEquals(0.5, share(a), "a counted b before b connected any platform");
        Duration joined = total(slept);
        assertTrue(joined.compareTo(BEAT) >= 0, "until a's heartbeat: " + joined);
        b.start();
        assertEquals(joined, total(slept), "start does not wait again");
    }

    @Test
    void aProcessAloneStartsWithoutWaiting() {
        List<Duration> slept = new ArrayList<>();
        BotCore a = process("a", slept::add);
        assertEquals(List.of(), slept);
        assertEquals(1.0, share(a));
    }

    @Test
    void aNewcomerWaitsARenewalAndAHalfAtMostForALiveProcessThatDoesNotRenew() {
        process("a"); // then hangs: its scheduler never moves again, its presence stays live for a lease
        List<Duration> slept = new ArrayList<>();
        BotCore b = process("b", d -> {
            slept.add(d);
            clock.advance(d);
        });
        assertEquals(BEAT.multipliedBy(3).dividedBy(2), total(slept), "then it takes work anyway");
        assertEquals(0.5, share(b));
    }

    @Test
    void aNewcomerWhoseClockStandsStillStillStartsAfterABoundedNumberOfPolls() {
        process("a");
        AtomicInteger polls = new AtomicInteger();
        BotCore b = process("b", d -> polls.incrementAndGet());
        assertEquals(BEAT.multipliedBy(3).dividedBy(2).toMillis() / 200, polls.get(),
                "one poll each 200 ms of the limit, then it goes on");
        assertEquals(0.5, share(b));
    }

    private static Duration total(List<Duration> durations) {
        return durations.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
