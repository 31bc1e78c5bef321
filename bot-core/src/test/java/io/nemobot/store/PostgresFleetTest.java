package io.nemobot.store;

import io.nemobot.config.PostgresUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Arrival;
import io.nemobot.fleet.FleetSettings;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bot processes over one real PostgreSQL, simulated as two stores (two pools) in this JVM with one
 * injected clock: what one process takes, the other cannot, until the holder dies (stops renewing).
 */
class PostgresFleetTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final ThreadKey THREAD = new ThreadKey("slack", "T1", "C1", "171.01");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));
    private PostgresStore storeA;
    private PostgresStore storeB;
    private PostgresFleet a;
    private PostgresFleet b;

    @BeforeEach
    void open() {
        PostgresUrl database = PostgresServer.shared().createDatabase();
        storeA = PostgresStore.open(database);
        storeB = PostgresStore.open(database);
        a = PostgresFleet.join(storeA, new FleetSettings("a", LEASE), clock);
        b = PostgresFleet.join(storeB, new FleetSettings("b", LEASE), clock);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    @Test
    void aRedeliveryReachingTheOtherProcessIsNotTakenTwice() {
        assertTrue(a.firstDelivery("Ev1"));
        assertFalse(b.firstDelivery("Ev1"));
        assertFalse(a.firstDelivery("Ev1"));
        assertTrue(b.firstDelivery("Ev2"));
    }

    @Test
    void deliveryIdsAreForgottenAfterTheDedupeWindow() {
        assertTrue(a.firstDelivery("Ev1"));
        clock.advance(PostgresFleet.EVENTS_KEPT.plusMinutes(1));
        b.heartbeat();
        assertTrue(b.firstDelivery("Ev1"), "an id older than the window is gone, so the table does not grow forever");
    }

    @Test
    void aThreadTurnsInOneProcessAtATimeAndIsFreeOnceGivenBack() {
        assertTrue(a.tryTakeThread(THREAD));
        assertFalse(b.tryTakeThread(THREAD));
        assertFalse(a.tryTakeThread(THREAD), "not re-entrant: a second turn of the thread here waits too");
        a.releaseThread(THREAD);
        assertTrue(b.tryTakeThread(THREAD));
    }

    @Test
    void aLeaseRenewedByTheHeartbeatOutlivesItsFirstTerm() {
        assertTrue(a.tryTakeThread(THREAD));
        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.dividedBy(3));
            a.heartbeat();
        }
        assertFalse(b.tryTakeThread(THREAD), "the holder is alive and renews");
    }

    @Test
    void aDeadHoldersThreadIsTakenOverOnceItsLeaseExpires() {
        assertTrue(a.tryTakeThread(THREAD));
        clock.advance(LEASE.minusSeconds(1));
        assertFalse(b.tryTakeThread(THREAD));
        clock.advance(Duration.ofSeconds(2)); // a died: it renewed no more
        assertTrue(b.tryTakeThread(THREAD));
    }

    @Test
    void onlyProcessesThatRenewCountAsLive() {
        assertEquals(2, a.liveInstances());
        clock.advance(LEASE.plusSeconds(1));
        b.heartbeat();
        assertEquals(1, b.liveInstances(), "a stopped renewing");
        b.close();
        assertEquals(0, a.liveInstances());
    }

    @Test
    void aJoinerIsCountedOnceEachOtherLiveProcessRenewedAfterItJoinedAndADeadOneIsNotWaitedForPastItsLease() {
        assertFalse(b.countedByOthers(), "a renewed no later than b joined: a's count may not include b");
        clock.advance(Duration.ofSeconds(1));
        b.heartbeat();
        assertFalse(b.countedByOthers(), "b's own renewals count for nothing here");
        a.heartbeat();
        assertTrue(b.countedByOthers(), "a renewed after b joined, and re-counted right after");

        clock.advance(Duration.ofSeconds(1));
        PostgresFleet c = PostgresFleet.join(storeA, new FleetSettings("c", LEASE), clock);
        clock.advance(Duration.ofSeconds(1));
        a.heartbeat();
        assertFalse(c.countedByOthers(), "b has not renewed since c joined");
        clock.advance(LEASE);
        a.heartbeat();
        assertTrue(c.countedByOthers(), "b stopped renewing a lease ago: it is not live, so not waited for");
        c.close();
    }

    @Test
    void aRenderIsPolledByItsSubmitterUntilItDiesThenByExactlyOneSurvivor() {
        storeA.savePendingRender(render("r1"));
        a.takeRender("r1");
        assertEquals(List.of(), b.claimOrphanedRenders(10), "the submitter is alive");
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(List.of("r1"), b.claimOrphanedRenders(10));
        assertFalse(a.holdsRender("r1"), "the old holder learns it lost the render and stops polling");
        assertTrue(b.holdsRender("r1"));
        assertEquals(List.of(), a.claimOrphanedRenders(10));
    }

    @Test
    void onlyTheRendersLeaseHolderClaimsItsLinkAndOnlyOnce() {
        storeA.savePendingRender(render("r1"));
        a.takeRender("r1");
        assertFalse(b.claimRenderLink("r1"), "b does not poll it");
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(List.of("r1"), b.claimOrphanedRenders(10));
        assertFalse(a.claimRenderLink("r1"), "a paused past its lease: the render is b's now");
        assertTrue(b.claimRenderLink("r1"));
        assertFalse(b.claimRenderLink("r1"), "once");
        assertTrue(storeA.pendingRenders().get(0).linkClaimed());
    }

    @Test
    void rendersStoredBeforeAnyLeaseAreSplitBetweenConcurrentSweeps() throws Exception {
        for (int i = 0; i < 40; i++) {
            storeA.savePendingRender(render("r" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<List<String>> byA = pool.submit(() -> {
                go.await();
                List<String> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    all.addAll(a.claimOrphanedRenders(5));
                }
                return all;
            });
            Future<List<String>> byB = pool.submit(() -> {
                go.await();
                List<String> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    all.addAll(b.claimOrphanedRenders(5));
                }
                return all;
            });
            go.countDown();
            List<String> claimed = new ArrayList<>(byA.get(30, TimeUnit.SECONDS));
            claimed.addAll(byB.get(30, TimeUnit.SECONDS));
            assertEquals(40, claimed.size(), "every render claimed once: " + claimed);
            assertEquals(40, new HashSet<>(claimed).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFinishedRendersLeaseGoesAndIsNotClaimedAgain() {
        storeA.savePendingRender(render("r1"));
        a.takeRender("r1");
        storeA.deletePendingRender("r1");
        a.releaseRender("r1");
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(List.of(), b.claimOrphanedRenders(10));
    }

    @Test
    void aProcessLeavingGivesItsLeasesBackAtOnce() {
        assertTrue(a.tryTakeThread(THREAD));
        storeA.savePendingRender(render("r1"));
        a.takeRender("r1");
        a.close();
        assertTrue(b.tryTakeThread(THREAD));
        assertEquals(List.of("r1"), b.claimOrphanedRenders(10));
    }

    @Test
    void processesNeedingTheTokenAtOnceFetchItOnce() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                PostgresStore store = i % 2 == 0 ? storeA : storeB;
                tokens.add(pool.submit(() -> {
                    go.await();
                    return store.exclusively("nemo.token", () -> {
                        Optional<String> saved = store.credential("nemo.token");
                        if (saved.isPresent()) {
                            return saved.get();
                        }
                        String fresh = "anon-token-" + fetches.incrementAndGet();
                        store.saveCredential("nemo.token", fresh);
                        return fresh;
                    });
                }));
            }
            go.countDown();
            Set<String> seen = new HashSet<>();
            for (Future<String> t : tokens) {
                seen.add(t.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, fetches.get());
            assertEquals(Set.of("anon-token-1"), seen);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThreadsLeaseGoesToTheOldestMessageWaitingOnAnyProcessNotToWhoeverAsksFirst() {
        assertTrue(a.tryTakeThread(THREAD, written(1, "m1")));
        assertFalse(b.tryTakeThread(THREAD, written(2, "m2")), "m1 runs on a");
        a.releaseThread(THREAD);
        assertFalse(a.tryTakeThread(THREAD, written(3, "m3")), "m2, written before m3, waits on b");
        assertTrue(b.tryTakeThread(THREAD, written(2, "m2")));
        b.releaseThread(THREAD);
        assertTrue(a.tryTakeThread(THREAD, written(3, "m3")));
        assertEquals(0, waiters(), "a message leaves the queue when its turn starts");
    }

    @Test
    void aMessageQueuedBehindItsProcesssOwnTurnKeepsItsPlaceAgainstALaterOneElsewhere() {
        assertTrue(a.tryTakeThread(THREAD, written(1, "m1")));
        a.queueForThread(THREAD, written(2, "m2")); // waits in a's lane behind m1
        a.releaseThread(THREAD);
        assertFalse(b.tryTakeThread(THREAD, written(3, "m3")), "m2 was written first");
        assertTrue(a.tryTakeThread(THREAD, written(2, "m2")));
    }

    @Test
    void messagesWrittenAtTheSameTimeAreOrderedByTheirEventId() {
        assertTrue(a.tryTakeThread(THREAD));
        assertFalse(b.tryTakeThread(THREAD, written(5, "Ev-b")));
        a.releaseThread(THREAD);
        assertFalse(a.tryTakeThread(THREAD, written(5, "Ev-c")), "same time, Ev-b first");
        assertTrue(a.tryTakeThread(THREAD, written(5, "Ev-a")));
    }

    @Test
    void aWaiterWhoseProcessDiedIsSkippedAndRemoved() {
        assertTrue(a.tryTakeThread(THREAD, written(1, "m1")));
        assertFalse(b.tryTakeThread(THREAD, written(2, "m2")));
        clock.advance(LEASE.plusSeconds(1)); // b died: it renewed no more; a renews
        a.heartbeat();
        a.releaseThread(THREAD);
        assertTrue(a.tryTakeThread(THREAD, written(3, "m3")), "a dead process's message holds nobody up");
        assertEquals(0, waiters(), "its waiter is gone at a's heartbeat");
    }

    @Test
    void aProcessLeavingTakesItsWaitingMessagesOutOfTheQueue() {
        assertTrue(a.tryTakeThread(THREAD, written(1, "m1")));
        assertFalse(b.tryTakeThread(THREAD, written(2, "m2")));
        b.close();
        a.releaseThread(THREAD);
        assertTrue(a.tryTakeThread(THREAD, written(3, "m3")));
        assertEquals(0, waiters());
    }

    @Test
    void aSweepClaimsOnlyTheOpenTurnsWhoseHolderDiedAndLeavesLiveThreadsAlone() {
        ThreadKey live = new ThreadKey("slack", "T1", "C1", "171.02");
        ThreadKey orphan = new ThreadKey("slack", "T1", "C1", "171.03");
        ThreadKey unleased = new ThreadKey("slack", "T1", "C1", "171.04");
        PostgresFleet c = PostgresFleet.join(storeB, new FleetSettings("c", LEASE), clock);
        assertTrue(a.tryTakeThread(live));
        assertTrue(c.tryTakeThread(orphan));
        storeA.saveOpenTurn(new OpenTurn(live, "m-live", clock.instant()));
        storeA.saveOpenTurn(new OpenTurn(orphan, "m-orphan", clock.instant()));
        storeA.saveOpenTurn(new OpenTurn(unleased, "m-unleased", clock.instant()));
        assertEquals(List.of(unleased), b.claimOrphanedTurns(10), "the live holders' threads are not taken");

        clock.advance(LEASE.plusSeconds(1)); // c died; a and b renew
        a.heartbeat();
        b.heartbeat();
        assertEquals(List.of(orphan), b.claimOrphanedTurns(10));
        assertEquals(List.of(), a.claimOrphanedTurns(10), "b holds them now, alive");
        assertFalse(c.tryTakeThread(orphan), "the dead holder lost it");
        assertEquals("a", holder(live), "a live thread's lease is untouched");
        b.releaseThread(orphan);
        storeA.deleteOpenTurn(orphan);
        assertEquals(List.of(), a.claimOrphanedTurns(10), "an explained turn is not claimed again");
    }

    @Test
    void orphanedTurnsAreSplitBetweenConcurrentSweeps() throws Exception {
        for (int i = 0; i < 30; i++) {
            storeA.saveOpenTurn(new OpenTurn(new ThreadKey("slack", "T1", "C1", "t" + i), "m" + i, clock.instant()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<ThreadKey>>> sweeps = new ArrayList<>();
            for (PostgresFleet fleet : List.of(a, b)) {
                sweeps.add(pool.submit(() -> {
                    go.await();
                    List<ThreadKey> all = new ArrayList<>();
                    for (int i = 0; i < 30; i++) { // until nothing is left to either: an empty sweep ends it
                        List<ThreadKey> got = fleet.claimOrphanedTurns(4);
                        if (got.isEmpty()) {
                            break;
                        }
                        all.addAll(got);
                    }
                    return all;
                }));
            }
            go.countDown();
            List<ThreadKey> claimed = new ArrayList<>(sweeps.get(0).get(30, TimeUnit.SECONDS));
            claimed.addAll(sweeps.get(1).get(30, TimeUnit.SECONDS));
            assertEquals(30, claimed.size(), "every open turn claimed once: " + claimed);
            assertEquals(30, new HashSet<>(claimed).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeadRunsAcceptedMessagesAreTakenOverByOneSurvivorAndStartOnlyThere() {
        storeA.saveAcceptedMessage(accepted("Ev1", a.runId()));
        storeA.saveAcceptedMessage(accepted("Ev2", a.runId()));
        assertEquals(List.of(), b.claimOrphanedMessages(10), "a is alive: its messages are its own");

        clock.advance(LEASE.plusSeconds(1)); // a died
        b.heartbeat();
        assertEquals(Set.of("Ev1", "Ev2"), new HashSet<>(b.claimOrphanedMessages(10)));
        assertEquals(List.of(), b.claimOrphanedMessages(10), "taken once");
        assertFalse(storeA.removeAcceptedMessage("Ev1", a.runId()), "a, paused rather than dead, cannot start it now");
        assertTrue(storeB.removeAcceptedMessage("Ev1", b.runId()), "b starts it");
    }

    @Test
    void aRestartUnderTheSameInstanceIdIsANewRunWhoseSurvivorsTakeTheOldRunsMessages() {
        storeA.saveAcceptedMessage(accepted("Ev1", a.runId()));
        clock.advance(Duration.ofSeconds(2)); // a is killed and started again at once, as "a"
        PostgresFleet again = PostgresFleet.join(storeA, new FleetSettings("a", LEASE), clock);
        assertFalse(again.runId().equals(a.runId()));
        assertEquals(List.of("Ev1"), b.claimOrphanedMessages(10), "the earlier run of a is gone, though \"a\" is live");
    }

    private String holder(ThreadKey thread) {
        return storeA.read(s -> s.query("SELECT holder FROM fleet_thread_leases WHERE thread_key = ?",
                rs -> rs.getString(1), thread.id())).get(0);
    }

    private AcceptedMessage accepted(String eventId, String owner) {
        return new AcceptedMessage(eventId, THREAD, owner, true, io.nemobot.chat.Author.human("U1", "Ann"),
                "make it brighter", Optional.empty(), 0, clock.instant());
    }

    private Arrival written(int second, String eventId) {
        return new Arrival(Instant.parse("2025-01-01T09:00:00Z").plusSeconds(second), eventId);
    }

    private int waiters() {
        return storeA.read(s -> s.query("SELECT count(*) FROM fleet_thread_waiters", rs -> rs.getInt(1))).get(0);
    }

    private PendingRender render(String id) {
        return new PendingRender(id, THREAD, "sess_1", "default", "U1", "Ann", null, clock.instant());
    }
}
