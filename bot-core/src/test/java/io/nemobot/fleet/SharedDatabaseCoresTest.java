package io.nemobot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.ChatMessage;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.config.PostgresUrl;
import io.nemobot.testing.Await;
import io.nemobot.testing.FleetFixture;
import io.nemobot.testing.RecordingPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two bot processes (two cores, two pools) over one real PostgreSQL and one chat platform: a thread's
 * messages run one at a time and in order whichever process takes them, a delivery reaching both is
 * one turn, and what a process leaves behind when it stops is finished by the other. The processes run
 * on one {@link io.nemobot.testing.FleetTime} ({@link FleetFixture}): a live process's lease never lapses
 * behind the test's back on a loaded machine; a stopped one's does.
 */
class SharedDatabaseCoresTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Author ANA = Author.human("U1", "Ana");
    private static final String QUEUED = "Got it — I'll get to this as soon as the current step is done.";

    @RegisterExtension
    final FleetFixture fleet = new FleetFixture();
    private NemoSimulator sim;
    private PostgresUrl database;
    private RecordingPlatform platform;
    private final ThreadKey thread = new ThreadKey("test", "W1", "C1", "T-fleet");
    /** The processes running; a test that stops one removes it. */
    private List<BotCore> cores;

    @BeforeEach
    void start() {
        sim = fleet.sim();
        database = fleet.database();
        platform = fleet.platform();
        cores = fleet.cores();
    }

    private BotCore process(String id, Map<String, String> overrides) {
        return fleet.process(id, overrides);
    }

    private void say(BotCore core, String text, String eventId) {
        say(core, text, eventId, fleet.time().clock().instant());
    }

    /** A message the platform stamped {@code written} (Slack's ts, a Discord snowflake's time). */
    private void say(BotCore core, String text, String eventId, Instant written) {
        core.conversations().accept(new IncomingMessage(thread, ANA, text, List.of(), java.util.Optional.empty(), eventId,
                written), platform.thread(thread));
    }

    @Test
    void aThreadsNextMessageOnAnotherProcessWaitsForTheTurnAheadAndGoesToTheSameSession() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("First part").pauseUntil(firstMayEnd).finalText("First done."));
        sim.enqueueTurn(Turn.agent().finalText("Second done."));
        say(a, "make a video", "e1");
        Await.until(() -> platform.transcript(thread).contains("First part"), WAIT, () -> platform.transcript(thread));
        say(b, "make it brighter", "e2");
        Await.until(() -> b.service().activeThreads() == 1, WAIT, () -> "b never queued the message");
        assertEquals(1, sim.chatMessages().size(), "the second message waits while the first turn runs elsewhere");

        firstMayEnd.countDown();
        Await.until(() -> platform.transcript(thread).contains("Second done."), WAIT, () -> platform.transcript(thread));
        assertEquals(List.of("make a video", "make it brighter"), sim.chatMessages().stream().map(ChatMessage::text).toList());
        assertEquals(1, sim.sessionsCreated(), "one thread, one session, whichever process took the message");
        String transcript = platform.transcript(thread);
        assertTrue(transcript.indexOf("First done.") < transcript.indexOf("Second done."), transcript);
        assertEquals(1, sim.anonymousTokensIssued(), "one anonymous token for both processes");
    }

    @Test
    void messagesOfOneThreadSpreadOverTwoProcessesRunInTheOrderTheyWereWrittenOneAtATime() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("First part").pauseUntil(firstMayEnd).finalText("First done."));
        sim.enqueueTurn(Turn.agent().finalText("Second done."));
        sim.enqueueTurn(Turn.agent().finalText("Third done."));
        Instant written = Instant.parse("2026-01-05T10:00:00Z");
        say(a, "make a video", "e1", written);
        Await.until(() -> platform.transcript(thread).contains("First part"), WAIT, () -> platform.transcript(thread));
        say(b, "make it brighter", "e2", written.plusSeconds(1));
        Await.until(() -> platform.transcript(thread).contains(QUEUED), WAIT, () -> platform.transcript(thread));
        say(a, "add music", "e3", written.plusSeconds(2)); // waits on a, behind its own turn

        firstMayEnd.countDown();
        Await.until(() -> platform.transcript(thread).contains("Third done."), WAIT, () -> platform.transcript(thread));
        assertEquals(List.of("make a video", "make it brighter", "add music"),
                sim.chatMessages().stream().map(ChatMessage::text).toList(), "m2, on b, goes before m3, on a");
        assertEquals(1, sim.sessionsCreated());
        String transcript = platform.transcript(thread);
        assertTrue(transcript.indexOf("First done.") < transcript.indexOf("Second done.")
                && transcript.indexOf("Second done.") < transcript.indexOf("Third done."), transcript);
    }

    @Test
    void aMessageWaitingForATurnOnAnotherProcessIsAcknowledgedAtOnceAndRunsAfterIt() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("First part").pauseUntil(firstMayEnd).finalText("First done."));
        sim.enqueueTurn(Turn.agent().finalText("Second done."));
        say(a, "make a video", "e1");
        Await.until(() -> platform.transcript(thread).contains("First part"), WAIT, () -> platform.transcript(thread));

        say(b, "make it brighter", "e2");
        Await.until(() -> platform.transcript(thread).contains(QUEUED), WAIT, () -> platform.transcript(thread));
        assertEquals(1, sim.chatMessages().size(), "acknowledged, not started: the turn ahead still runs on a");

        firstMayEnd.countDown();
        Await.until(() -> platform.transcript(thread).contains("Second done."), WAIT, () -> platform.transcript(thread));
        String transcript = platform.transcript(thread);
        assertTrue(transcript.indexOf("First done.") < transcript.indexOf("Second done."), transcript);
        assertEquals(transcript.indexOf(QUEUED), transcript.lastIndexOf(QUEUED), "acknowledged once: " + transcript);
    }

    @Test
    void aMessageToAnIdleThreadOnAnotherProcessIsNotToldToWait() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        sim.enqueueTurn(Turn.agent().finalText("First done."));
        sim.enqueueTurn(Turn.agent().finalText("Second done."));
        say(a, "make a video", "e1");
        Await.until(() -> platform.transcript(thread).contains("First done."), WAIT, () -> platform.transcript(thread));
        Await.until(() -> a.service().activeThreads() == 0, WAIT, () -> "a still busy");
        say(b, "make it brighter", "e2");
        Await.until(() -> platform.transcript(thread).contains("Second done."), WAIT, () -> platform.transcript(thread));
        assertTrue(!platform.transcript(thread).contains(QUEUED), platform.transcript(thread));
    }

    @Test
    void aDeliveryReachingBothProcessesIsOneTurn() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        sim.enqueueTurn(Turn.agent().finalText("Only once."));
        say(a, "make a video", "Ev-retried");
        say(b, "make a video", "Ev-retried");
        Await.until(() -> platform.transcript(thread).contains("Only once."), WAIT, () -> platform.transcript(thread));
        Await.until(() -> a.service().activeThreads() == 0 && b.service().activeThreads() == 0, WAIT, () -> "busy");
        assertEquals(1, sim.chatMessages().size());
        assertEquals(1, platform.posted(thread).size(), platform.transcript(thread));
    }

    @Test
    void aTurnLeftOpenByAStoppedProcessIsExplainedByTheOtherInItsOwnMessage() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        String reply = hangOn(a, platform.thread(thread));
        a.close();
        cores.remove(a);

        Await.until(() -> platform.message(reply).text().contains("I restarted while working on this"), WAIT,
                () -> platform.transcript(thread));
        assertEquals(List.of(reply), platform.posted(thread), "the reply was mended, nothing posted again");
        assertEquals(1, sim.chatMessages().size(), "the message was not sent to the backend again");
        Await.until(() -> b.store().openTurns().isEmpty(), WAIT, () -> "still open: " + b.store().openTurns());
    }

    @Test
    void aRenderWhosePollerStoppedIsFinishedByTheOtherProcessWithOneLink() {
        BotCore a = process("a", Map.of("NEMO_RENDER_POLL_INTERVAL", "1h"));
        BotCore b = process("b", Map.of());
        say(a, "make a video", "e1");
        Await.until(() -> platform.transcript(thread).contains("Say export"), WAIT, () -> platform.transcript(thread));
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(10), RenderStep.processing(60),
                RenderStep.completed("https://cdn.example/fleet.mp4")));
        say(a, "export", "e2");
        sim.awaitRequests(Endpoint.RENDER_POLL, 1, WAIT);
        assertEquals(0, b.service().activeRenders(), "the submitter polls its render; the other leaves it alone");
        a.close();
        cores.remove(a);

        Await.until(() -> platform.transcript(thread).contains("https://cdn.example/fleet.mp4"), WAIT,
                () -> platform.transcript(thread));
        Await.until(() -> b.store().pendingRenders().isEmpty(), WAIT, () -> "render still pending");
        String transcript = platform.transcript(thread);
        assertEquals(transcript.indexOf("https://cdn.example/fleet.mp4"), transcript.lastIndexOf("https://cdn.example/fleet.mp4"),
                "the link is posted once: " + transcript);
        assertEquals(1, sim.renderIds().size(), "the render was not submitted again");
    }

    @Test
    void aProcessDyingAfterPostingTheLinkLeavesTheThreadWithOneLinkWhenTheOtherTakesTheRenderOver() throws Exception {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        say(a, "make a video", "e1");
        Await.until(() -> platform.transcript(thread).contains("Say export"), WAIT, () -> platform.transcript(thread));
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(50), RenderStep.completed("https://cdn.example/once.mp4")));
        sql("CREATE FUNCTION die() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the process died here'; END $$"
                + " LANGUAGE plpgsql");
        sql("CREATE TRIGGER die_before_forgetting BEFORE DELETE ON pending_renders FOR EACH ROW EXECUTE FUNCTION die()");

        say(a, "export", "e2"); // a posts the link, then "dies" before the store forgets the render
        Await.until(() -> platform.transcript(thread).contains("https://cdn.example/once.mp4")
                && a.service().activeRenders() == 0, WAIT, () -> platform.transcript(thread));
        assertEquals(1, a.store().pendingRenders().size(), "the render is still recorded as in flight");
        sql("DROP TRIGGER die_before_forgetting ON pending_renders");
        a.close();
        cores.remove(a);

        Await.until(() -> b.store().pendingRenders().isEmpty(), WAIT, () -> "render still pending");
        Await.until(() -> b.service().activeRenders() == 0, WAIT, () -> "b still follows the render");
        String transcript = platform.transcript(thread);
        assertEquals(transcript.indexOf("https://cdn.example/once.mp4"), transcript.lastIndexOf("https://cdn.example/once.mp4"),
                "the link shows once: " + transcript);
        assertTrue(transcript.contains("✅ Rendered."), transcript);
        assertEquals(1, sim.renderIds().size(), "the render was not submitted again");
    }

    @Test
    void aMessageQueuedOnAProcessKilledMidTurnIsAnsweredByTheSurvivorAfterTheTurnIsExplained() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        ChatThread onA = dying(platform.thread(thread), killed);
        String reply = hangOn(a, onA);
        a.conversations().accept(IncomingMessage.text(thread, ANA, "make it brighter", "e2"), onA);
        Await.until(() -> platform.transcript(thread).contains(QUEUED), WAIT, () -> platform.transcript(thread));
        Await.until(() -> a.store().acceptedMessages().size() == 1, WAIT, () -> "recorded " + a.store().acceptedMessages());
        sim.enqueueTurn(Turn.agent().finalText("Brighter now."));

        kill(a, killed);
        Await.until(() -> platform.message(reply).text().contains("I restarted while working on this"), WAIT,
                () -> platform.transcript(thread));
        Await.until(() -> platform.transcript(thread).contains("Brighter now."), WAIT, () -> platform.transcript(thread));
        assertEquals(List.of("make a long video", "make it brighter"),
                sim.chatMessages().stream().map(ChatMessage::text).toList(),
                "the waiting message reached the backend once, from the survivor; the interrupted one was not resent");
        Await.until(() -> b.service().activeThreads() == 0, WAIT, () -> "b still busy");
        assertEquals(List.of(), b.store().acceptedMessages(), "nothing is left for another process to run again");
        assertEquals(List.of(), b.store().openTurns());
    }

    @Test
    void aClickQueuedOnAProcessKilledMidTurnIsAnsweredOnceByTheSurvivor() {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        ChatThread onA = dying(platform.thread(thread), killed);
        String reply = hangOn(a, onA);
        ActionClick credits = new ActionClick(thread, ANA, Action.CREDITS, "click-1", fleet.time().clock().instant());
        a.conversations().click(credits, onA);
        Await.until(() -> platform.transcript(thread).contains(QUEUED), WAIT, () -> platform.transcript(thread));
        Await.until(() -> a.store().acceptedMessages().size() == 1, WAIT, () -> "recorded " + a.store().acceptedMessages());

        kill(a, killed);
        Await.until(() -> platform.message(reply).text().contains("I restarted while working on this"), WAIT,
                () -> platform.transcript(thread));
        Await.until(() -> platform.transcript(thread).contains("💳 Credits:"), WAIT, () -> platform.transcript(thread));
        Await.until(() -> b.service().activeThreads() == 0, WAIT, () -> "b still busy");
        b.conversations().click(credits, platform.thread(thread)); // the platform delivers the click again
        Await.until(() -> b.service().activeThreads() == 0, WAIT, () -> "b still busy");
        assertEquals(1, platform.transcript(thread).split("💳 Credits:", -1).length - 1,
                "the survivor answered the click once: " + platform.transcript(thread));
        assertEquals(List.of(), b.store().acceptedMessages(), "nothing is left for another process to run again");
    }

    @Test
    void theSweepLeavesThreadsThatLiveProcessesHoldAlone() throws Exception {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        sql("CREATE TABLE lease_attempts (holder TEXT, thread_key TEXT)");
        sql("CREATE FUNCTION note_attempt() RETURNS trigger AS $$ BEGIN INSERT INTO lease_attempts VALUES"
                + " (NEW.holder, NEW.thread_key); RETURN NEW; END $$ LANGUAGE plpgsql");
        // Every row a statement proposes to write, before any conflict check: what a sweep asks of each thread.
        sql("CREATE TRIGGER note_attempt BEFORE INSERT OR UPDATE ON fleet_thread_leases FOR EACH ROW"
                + " EXECUTE FUNCTION note_attempt()");
        List<ThreadKey> threads = List.of(new ThreadKey("test", "W1", "C1", "T-live-1"),
                new ThreadKey("test", "W1", "C1", "T-live-2"), new ThreadKey("test", "W1", "C1", "T-live-3"));
        for (ThreadKey t : threads) {
            sim.enqueueTurn(Turn.agent().text("Working on " + t.id()).hang());
            a.conversations().accept(IncomingMessage.text(t, ANA, "make a long video", "e-" + t.id()), platform.thread(t));
        }
        Await.until(() -> a.store().openTurns().size() == 3 && a.store().openTurns().stream().allMatch(o -> o.message() != null),
                WAIT, () -> "stored " + a.store().openTurns());

        for (int i = 0; i < 3; i++) {
            b.service().sweepFleet();
        }
        assertEquals(0, count("SELECT count(*) FROM lease_attempts WHERE holder = 'b'"),
                "b's sweeps asked nothing of the threads a runs");
        for (ThreadKey t : threads) {
            assertTrue(!platform.transcript(t).contains("I restarted"), platform.transcript(t));
        }
        assertEquals(3, b.store().openTurns().size(), "a's turns are still open, running");
    }

    @Test
    void theSurvivorHoldsTheThreadAndItsRecordUntilAPacedExplanationHasLandedThenGivesThemBack() throws Exception {
        BotCore a = process("a", Map.of());
        BotCore b = process("b", Map.of());
        String reply = hangOn(a, platform.thread(thread));
        // The platform fails the explanation's edit a few times: the survivor retries it, paced, for longer than a lease.
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
        platform.faults(c -> c.messageId().equals(reply) && refusals.getAndIncrement() < 4
                ? new io.nemobot.chat.ChatPlatformException(io.nemobot.chat.ChatPlatformException.Kind.OTHER, "bad gateway")
                : null);
        a.close();
        cores.remove(a);

        Await.until(() -> refusals.get() >= 4, WAIT, () -> "refusals " + refusals + ": " + platform.calls());
        assertEquals(1, count("SELECT count(*) FROM fleet_thread_leases WHERE holder = 'b' AND thread_key = '"
                + thread.id() + "'"), "b holds the thread while its explanation waits, past the lease time");
        assertEquals(1, b.store().openTurns().size(), "the record stays until the explanation has landed");
        Await.until(() -> platform.message(reply).text().contains("I restarted while working on this"), WAIT,
                () -> platform.transcript(thread));
        Await.until(() -> b.store().openTurns().isEmpty(), WAIT, () -> "still open: " + b.store().openTurns());
        Await.until(() -> {
            try {
                return count("SELECT count(*) FROM fleet_thread_leases WHERE thread_key = '" + thread.id() + "'") == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, WAIT, () -> "the lease was not given back");
        assertEquals(4 + 1, platform.calls().stream().filter(c -> c.messageId().equals(reply)
                && c.content().text().contains("I restarted")).count(), "4 refused, then explained once: " + platform.calls());
        assertEquals(List.of(reply), platform.posted(thread), "mended in place: " + platform.transcript(thread));
    }

    /** The thread as a process sees it: once killed, nothing it writes reaches the platform any more. */
    private static ChatThread dying(ChatThread real, java.util.concurrent.atomic.AtomicBoolean killed) {
        return (ChatThread) java.lang.reflect.Proxy.newProxyInstance(ChatThread.class.getClassLoader(),
                new Class<?>[] {ChatThread.class}, (proxy, method, args) -> {
                    if (killed.get() && !method.getName().equals("key")) {
                        throw new IllegalStateException("the process was killed");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * As kill -9 leaves things: the process writes nothing more to the platform or the database (no lease
     * given back, no record removed), then its threads stop.
     */
    private void kill(BotCore core, java.util.concurrent.atomic.AtomicBoolean killed) {
        killed.set(true);
        core.store().close();
        core.close();
        cores.remove(core);
    }

    private int count(String query) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Runs a statement on the processes' database, as the operator or a failure would. */
    private void sql(String statement) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); java.sql.Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** A turn on {@code a} that hangs after its first words, its reply's message stored as the open turn's; its id. */
    private String hangOn(BotCore a, ChatThread onA) {
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        a.conversations().accept(IncomingMessage.text(thread, ANA, "make a long video", "e1"), onA);
        Await.until(() -> platform.transcript(thread).contains("Working on it"), WAIT, () -> platform.transcript(thread));
        String reply = platform.posted(thread).get(0);
        Await.until(() -> a.store().openTurns().size() == 1 && reply.equals(a.store().openTurns().get(0).message()),
                WAIT, () -> "stored " + a.store().openTurns());
        return reply;
    }
}
