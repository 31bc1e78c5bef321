package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} promises, run against each implementation by a subclass that says how to
 * open it ({@code MemoryStore}, {@code SqliteStore}, {@code PostgresStore}, and any later one: it is
 * in bot-core's test-jar). Records are built by the small factories at the bottom, so a field added to
 * a record changes one place here.
 */
public abstract class StoreContract {
    protected static final ThreadKey T1 = new ThreadKey("slack", "T1", "C1", "1700000000.0001");
    protected static final ThreadKey T2 = new ThreadKey("discord", "G1", "C2", "th2");
    protected static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    private Store store;

    /**
     * Opens the store under test on this test's storage: empty at the test's first call, the same
     * storage on later calls of the same test (durable stores are reopened that way).
     */
    protected abstract Store open();

    /** The store of this test, opened on first use and closed after the test. */
    protected final Store store() {
        if (store == null) {
            store = open();
        }
        return store;
    }

    /** Closes this test's store and opens it again on the same storage. */
    protected final Store reopen() {
        store().close();
        store = open();
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aCredentialIsAbsentThenSavedThenReplaced() {
        assertEquals(Optional.empty(), store().credential("nemo.token"));
        store().saveCredential("nemo.token", "fake-token-1");
        store().saveCredential("nemo.client", "fake-client");
        store().saveCredential("nemo.token", "fake-token-2");
        assertEquals(Optional.of("fake-token-2"), store().credential("nemo.token"));
        assertEquals(Optional.of("fake-client"), store().credential("nemo.client"));
    }

    @Test
    void aBindingIsClaimedThenGetsItsSessionAndEachThreadHasItsOwn() {
        assertEquals(Optional.empty(), store().binding(T1));
        store().saveBinding(ThreadBinding.claimed(T1, "caption-ab", "en", at(1)));
        store().saveBinding(ThreadBinding.claimed(T2, "other", "zh", at(2)));
        ThreadBinding claimed = store().binding(T1).orElseThrow();
        assertEquals(Optional.empty(), claimed.sessionId());
        store().saveBinding(claimed.withSession("sess_1", "task_1", "u_1", "zh", at(3)));

        ThreadBinding bound = store().binding(T1).orElseThrow();
        assertEquals(ThreadBinding.claimed(T1, "caption-ab", "en", at(1)).withSession("sess_1", "task_1", "u_1", "zh", at(3)),
                bound);
        assertEquals(ThreadBinding.claimed(T2, "other", "zh", at(2)), store().binding(T2).orElseThrow());
    }

    @Test
    void aRendersLinkIsClaimedOnceAndItsMessageKeptWhenTheRenderIsSavedAgain() {
        store().savePendingRender(render("render_a", T1, null, at(10)));
        assertFalse(store().claimRenderLink("render_never_saved"));
        assertTrue(store().claimRenderLink("render_a"));
        assertFalse(store().claimRenderLink("render_a"), "claimed once");
        store().savePendingRender(render("render_a", T1, "progress-1", at(10)));
        assertEquals(new PendingRender("render_a", T1, "sess_render_a", "caption-ab", "U1", "Ana", "progress-1", at(10),
                true, null), store().pendingRenders().get(0), "saving the progress message keeps the claim");
        store().renderLinkPosted("render_a", "m-link");
        store().savePendingRender(render("render_a", T1, "progress-2", at(10)));
        assertEquals("m-link", store().pendingRenders().get(0).linkMessage());
        assertTrue(store().pendingRenders().get(0).linkClaimed());
    }

    @Test
    void pendingRendersAreListedOldestFirstReplacedByIdAndDeleted() {
        store().savePendingRender(render("render_b", T2, null, at(20)));
        store().savePendingRender(render("render_a", T1, "progress-1", at(10)));
        store().savePendingRender(render("render_a", T1, "progress-2", at(10)));
        assertEquals(List.of(render("render_a", T1, "progress-2", at(10)), render("render_b", T2, null, at(20))),
                store().pendingRenders());

        store().deletePendingRender("render_a");
        store().deletePendingRender("render_never_saved");
        assertEquals(List.of(render("render_b", T2, null, at(20))), store().pendingRenders());
    }

    @Test
    void anOpenTurnKeepsTheMessagesItsReplyOutgrewWithTheirText() {
        List<SettledMessage> settled = List.of(new SettledMessage("m1", "First part: 12 chars:"),
                new SettledMessage("m2", "第二部分\nwith a line break and 4:colons:"));
        store().saveOpenTurn(new OpenTurn(T1, "m3", settled, at(1)));
        assertEquals(List.of(new OpenTurn(T1, "m3", settled, at(1))), store().openTurns());
    }

    @Test
    void anOpenTurnIsSavedPerThreadUpdatedAndDeleted() {
        store().saveOpenTurn(turn(T1, null, at(1)));
        store().saveOpenTurn(turn(T2, "m2", at(2)));
        store().saveOpenTurn(turn(T1, "m1", at(1)));
        List<OpenTurn> open = store().openTurns();
        assertEquals(Set.of(turn(T1, "m1", at(1)), turn(T2, "m2", at(2))), new HashSet<>(open));
        assertEquals(2, open.size());

        store().deleteOpenTurn(T1);
        assertEquals(List.of(turn(T2, "m2", at(2))), store().openTurns());
    }

    @Test
    void aThreadsOpenTurnIsReadByItself() {
        store().saveOpenTurn(turn(T1, "m1", at(1)));
        assertEquals(Optional.of(turn(T1, "m1", at(1))), store().openTurn(T1));
        assertEquals(Optional.empty(), store().openTurn(T2));
        store().deleteOpenTurn(T1);
        assertEquals(Optional.empty(), store().openTurn(T1));
    }

    @Test
    void anAcceptedMessageIsKeptWholeUntilItsOwnerRemovesItAndOnlyThen() {
        AcceptedMessage chinese = new AcceptedMessage("Ev2", T2, "run-1", false,
                new io.nemobot.chat.Author("U2", "小明", false, true), "做一个视频：海边", Optional.of(java.util.Locale.CHINA), 2,
                Instant.ofEpochSecond(1_700_000_000L, 123_456_000));
        AcceptedMessage export = acceptedClick("Ev3", T1, "run-1", io.nemobot.chat.Action.EXPORT, at(7));
        store().saveAcceptedMessage(accepted("Ev1", T1, "run-1", at(5)));
        store().saveAcceptedMessage(chinese);
        store().saveAcceptedMessage(export);
        store().saveAcceptedMessage(accepted("Ev1", T1, "run-2", at(9))); // the same delivery again: kept as first saved
        assertEquals(List.of(chinese, accepted("Ev1", T1, "run-1", at(5)), export), store().acceptedMessages(),
                "oldest written first, every field as saved (microseconds of the platform's time too)");
        assertEquals(Optional.of(chinese), store().acceptedMessage("Ev2"));
        assertEquals(Optional.of(io.nemobot.chat.Action.EXPORT), store().acceptedMessage("Ev3").flatMap(AcceptedMessage::action),
                "a click is kept as the button clicked");
        assertEquals(Optional.empty(), store().acceptedMessage("Ev1").flatMap(AcceptedMessage::action), "a message is no click");

        assertFalse(store().removeAcceptedMessage("Ev1", "run-2"), "another run cannot start it");
        assertTrue(store().removeAcceptedMessage("Ev1", "run-1"));
        assertFalse(store().removeAcceptedMessage("Ev1", "run-1"), "removed once: started once");
        assertEquals(Optional.empty(), store().acceptedMessage("Ev1"));
        assertEquals(List.of(chinese, export), store().acceptedMessages());
    }

    @Test
    void aNewRunAdoptsTheMessagesEarlierRunsLeftAndOnlyThose() {
        store().saveAcceptedMessage(accepted("Ev-b", T2, "run-1", at(7)));
        store().saveAcceptedMessage(accepted("Ev-a", T1, "run-0", at(6)));
        store().saveAcceptedMessage(accepted("Ev-mine", T1, "run-2", at(8)));
        store().saveAcceptedMessage(acceptedClick("Ev-c", T2, "run-1", io.nemobot.chat.Action.CREDITS, at(9)));

        assertEquals(List.of(accepted("Ev-a", T1, "run-2", at(6)), accepted("Ev-b", T2, "run-2", at(7)),
                acceptedClick("Ev-c", T2, "run-2", io.nemobot.chat.Action.CREDITS, at(9))),
                store().adoptAcceptedMessages("run-2"), "the earlier runs' messages and clicks, oldest first, now run-2's");
        assertEquals(List.of(), store().adoptAcceptedMessages("run-2"), "adopted once");
        assertTrue(store().removeAcceptedMessage("Ev-a", "run-2"));
        assertFalse(store().removeAcceptedMessage("Ev-b", "run-1"), "the earlier run no longer owns it");
        assertEquals(4 - 1, store().acceptedMessages().size());
    }

    @Test
    void turnsAreCountedPerKeyAndDay() {
        assertEquals(0, store().turns("slack:U1", DAY));
        assertEquals(1, store().countTurn("slack:U1", DAY));
        assertEquals(2, store().countTurn("slack:U1", DAY));
        assertEquals(1, store().countTurn("slack:U1", DAY.plusDays(1)));
        assertEquals(1, store().countTurn("slack:U2", DAY));
        assertEquals(2, store().turns("slack:U1", DAY));
        assertEquals(1, store().turns("slack:U1", DAY.plusDays(1)));
    }

    @Test
    void manyThreadsWritingAtOnceLoseNothingAndCountEachTurnOnce() throws Exception {
        int threads = 8;
        int each = 20;
        Store shared = store();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Integer>>> counted = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int writer = t;
                counted.add(pool.submit(() -> {
                    List<Integer> numbers = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        shared.saveBinding(ThreadBinding.claimed(thread(writer, i), "caption-ab", "en", at(i)));
                        numbers.add(shared.countTurn("channel:busy", DAY));
                    }
                    return numbers;
                }));
            }
            Set<Integer> seen = new HashSet<>();
            for (Future<List<Integer>> f : counted) {
                seen.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(threads * each, seen.size(), "each concurrent count answered its own number");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, store().turns("channel:busy", DAY));
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < each; i++) {
                assertTrue(store().binding(thread(t, i)).isPresent(), "binding " + t + "/" + i + " lost");
            }
        }
    }

    @Test
    void usageIsSummedPerChannelAndUserWithinOneWorkspaceSinceTheGivenTime() {
        ThreadKey otherChannel = new ThreadKey("slack", "T1", "C9", "1700000000.0009");
        ThreadKey otherWorkspace = new ThreadKey("slack", "T2", "C1", "1700000000.0002");
        store().recordUsage(usage(T1, "U1", "Ana", 100, at(10)));
        store().recordUsage(usage(T1, "U1", "Ana", 50, at(20)));
        store().recordUsage(usage(T1, "U2", "Bo", 0, at(30)));
        store().recordUsage(usage(otherChannel, "U1", "Ana", 7, at(40)));
        store().recordUsage(usage(otherWorkspace, "U1", "Ana", 1000, at(50)));
        store().recordUsage(usage(T2, "U1", "Ana", 1000, at(60)));
        store().recordUsage(usage(T1, "U1", "Ana", 999, at(5)));

        List<UsageTotal> totals = store().usage("slack", "T1", at(10));
        assertEquals(List.of(new UsageTotal("C1", "U1", "Ana", 2, 150), new UsageTotal("C1", "U2", "Bo", 1, 0),
                new UsageTotal("C9", "U1", "Ana", 1, 7)), totals);
        assertEquals(List.of(), store().usage("slack", "T1", at(100)), "nothing since then");
        assertEquals(1000, store().usage("discord", "G1", at(0)).get(0).credits());
    }

    @Test
    void aClosedStoreRefusesWritesAndClosingTwiceIsHarmless() {
        Store s = store();
        s.saveCredential("nemo.token", "fake-token");
        s.close();
        s.close();
        assertThrows(StoreException.class, () -> s.saveCredential("nemo.token", "fake-token-2"));
        assertThrows(StoreException.class, () -> s.saveOpenTurn(turn(T1, "m", at(1))));
    }

    protected static Instant at(long seconds) {
        return Instant.ofEpochSecond(1_700_000_000L + seconds);
    }

    protected static ThreadKey thread(int writer, int i) {
        return new ThreadKey("discord", "G" + writer, "C", "t" + i);
    }

    protected static PendingRender render(String id, ThreadKey thread, String progressMessage, Instant startedAt) {
        return new PendingRender(id, thread, "sess_" + id, "caption-ab", "U1", "Ana", progressMessage, startedAt);
    }

    protected static TurnUsage usage(ThreadKey thread, String userId, String userName, long credits, Instant at) {
        return new TurnUsage(thread, userId, userName, credits, at);
    }

    protected static AcceptedMessage accepted(String eventId, ThreadKey thread, String owner, Instant written) {
        return new AcceptedMessage(eventId, thread, owner, true, io.nemobot.chat.Author.human("U1", "Ana"),
                "make it brighter", Optional.empty(), 0, written);
    }

    protected static AcceptedMessage acceptedClick(String eventId, ThreadKey thread, String owner,
            io.nemobot.chat.Action action, Instant clicked) {
        return AcceptedMessage.of(new io.nemobot.chat.ActionClick(thread, io.nemobot.chat.Author.human("U1", "Ana"), action,
                eventId, clicked), owner);
    }

    protected static OpenTurn turn(ThreadKey thread, String message, Instant startedAt) {
        return new OpenTurn(thread, message, startedAt);
    }
}
