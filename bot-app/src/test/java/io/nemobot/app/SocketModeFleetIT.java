package io.nemobot.app;

import static io.nemobot.slack.fake.SlackPayloads.envelope;
import static io.nemobot.slack.fake.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.PostgresUrl;
import io.nemobot.simulator.ChatMessage;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.slack.fake.FakeSocketMode;
import io.nemobot.slack.fake.FakeSocketMode.Connection;
import io.nemobot.slack.fake.FakeSocketMode.Delivery;
import io.nemobot.slack.fake.FakeSocketMode.Envelope;
import io.nemobot.slack.fake.FakeSocketMode.State;
import io.nemobot.testing.Await;
import io.nemobot.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Slack's Socket Mode with a fleet, as operators run it: three processes of the packaged jar over one
 * real PostgreSQL and the Nemo simulator, each holding its own WebSocket to a fake Slack that hands each
 * envelope to exactly one connection and hands an unacknowledged one out again on another. Events spread
 * over the connections and each is answered once; a retried envelope is one turn; a refresh is followed
 * by a new connection; a process killed with {@code kill -9} loses its connection and the survivors take
 * every later event; a process stopped with SIGTERM closes its connection first, so Slack gives new
 * events to the others, while its live turn finishes. Processes start once; the scenarios run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketModeFleetIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The end of the simulator's demo reply: a turn that shows it has completed. */
    private static final String DONE = "Say export to render it.";
    private static final String USER = "U0SOCKET";
    private static final AtomicInteger TS = new AtomicInteger();

    static final Path work = Path.of("target", "socket-mode-fleet-it");
    static PostgresUrl database;
    static NemoSimulator sim;
    static FakeSlack slack;
    static FakeSocketMode socketMode;
    static final List<BotProcess> fleet = new ArrayList<>();

    @BeforeAll
    static void startFleet() {
        database = PostgresServer.shared().createDatabase();
        FleetFiles.deleteTree(work);
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
        slack = FakeSlack.start();
        socketMode = FakeSocketMode.start(slack);

        Map<String, String> settings = new HashMap<>();
        settings.put("NEMO_DATABASE_URL", database.jdbcUrl() + "?user=" + database.user());
        settings.put("NEMO_API_BASE", sim.baseUrl());
        settings.put("NEMO_FLEET_LEASE", "3s");
        settings.put("NEMO_LOG_LEVEL", "INFO");
        settings.put("NEMO_USER_MAX_ACTIVE", "50");
        settings.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        settings.put("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN); // Socket Mode
        settings.put("SLACK_API_URL", slack.apiUrl());
        for (int i = 1; i <= 3; i++) {
            fleet.add(BotProcess.launch("socket-" + i, work, settings));
        }
        Await.until(() -> fleet.stream().allMatch(p -> p.readyz() == 200) || fleet.stream().anyMatch(p -> !p.alive()),
                START, SocketModeFleetIT::logs);
        fleet.forEach(p -> assertTrue(p.alive(), "started\n" + logs()));
        socketMode.awaitOpen(3, WAIT);
    }

    @AfterAll
    static void stopFleet() {
        fleet.forEach(BotProcess::close);
        if (sim != null) {
            sim.releaseHangs();
            sim.close();
        }
        if (socketMode != null) {
            socketMode.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    @Order(1)
    void eventsSpreadOverTheThreeConnectionsAndEachIsAnsweredOnce() {
        List<Long> before = turns();
        List<String> roots = new ArrayList<>();
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String root = ts();
            roots.add(root);
            sent.add(socketMode.deliver(envelope(message(dm(root), USER, "a-video about a harbour " + i, root, null))));
        }

        roots.forEach(root -> awaitSlack(root, DONE, 1));
        Await.until(() -> deltas(before).equals(List.of(3L, 3L, 3L)), WAIT, () -> "turns per process " + deltas(before));
        assertEquals(3, sent.stream().map(e -> e.deliveries().get(0).connection()).distinct().count(),
                "Slack handed the events to all three connections");
        for (String root : roots) {
            assertEquals(1, replies(root, DONE), "answered once: " + slack.thread(dm(root), root));
        }
        List<ChatMessage> chats = sim.chatMessages().stream().filter(c -> c.text().startsWith("a-video")).toList();
        assertEquals(9, chats.size(), "each event reached the backend once: " + chats);
        sent.forEach(e -> socketMode.awaitAck(e, WAIT));
    }

    @Test
    @Order(2)
    void anEnvelopeRedeliveredToAnotherProcessAfterItsAckWasLostIsOneTurn() {
        String root = ts();
        Envelope envelope = socketMode.deliverLosingAcks(envelope(message(dm(root), USER, "b-once", root, null)), 1);

        socketMode.awaitAck(envelope, WAIT);
        List<Delivery> deliveries = envelope.deliveries();
        assertEquals(1, deliveries.get(1).retryAttempt(), envelope.toString());
        assertNotEquals(deliveries.get(0).connection(), deliveries.get(1).connection(),
                "the retry went to another process: " + envelope);
        // The process that took the retry runs its messages of a thread in arrival order: had it taken the
        // retry as a new message, that turn would come before this one.
        Connection retriedOn = socketMode.connections().get(deliveries.get(1).connection());
        socketMode.deliverTo(retriedOn, envelope(message(dm(root), USER, "b-after", ts(), root)));
        awaitSlack(root, DONE, 2);

        assertEquals(List.of("b-once", "b-after"), sim.chatMessages().stream().map(ChatMessage::text)
                .filter(t -> t.startsWith("b-")).toList(), "the redelivered event reached the backend once");
        assertEquals(2, replies(root, DONE), "one reply per message: " + slack.thread(dm(root), root));
    }

    @Test
    @Order(3)
    void aRefreshRequestedDisconnectIsFollowedByANewConnectionThatTakesEvents() {
        Connection old = socketMode.openConnections().get(0);
        int before = socketMode.connections().size();

        socketMode.disconnect(old, "refresh_requested");
        socketMode.await("a new connection, the old one closed by its process",
                f -> f.connections().size() == before + 1 && f.openConnections().size() == 3, WAIT);
        assertEquals(State.CLOSED_BY_CLIENT, old.state());

        String root = ts();
        Connection renewed = socketMode.connections().get(before);
        Envelope envelope = socketMode.deliverTo(renewed, envelope(message(dm(root), USER, "c-renewed", root, null)));
        awaitSlack(root, DONE, 1);
        socketMode.awaitAck(envelope, WAIT);
        assertEquals(renewed.id(), envelope.ackedBy().orElseThrow());
    }

    @Test
    @Order(4)
    void aProcessKilledLosesItsConnectionAndTheSurvivorsTakeEveryLaterEvent() throws Exception {
        BotProcess victim = fleet.get(2);
        List<Connection> openBefore = socketMode.openConnections();

        victim.kill();
        socketMode.awaitOpen(2, WAIT);
        List<Connection> dropped = openBefore.stream().filter(c -> !c.open()).toList();
        assertEquals(1, dropped.size(), socketMode.toString());
        assertEquals(State.DROPPED, dropped.get(0).state(), "no close frame from a killed process");

        List<Long> before = turns();
        List<String> roots = new ArrayList<>();
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String root = ts();
            roots.add(root);
            sent.add(socketMode.deliver(envelope(message(dm(root), USER, "d-after the crash " + i, root, null))));
        }
        roots.forEach(root -> awaitSlack(root, DONE, 1));
        Await.until(() -> deltas(before).equals(List.of(2L, 2L, 0L)), WAIT, () -> "turns per process " + deltas(before));
        for (Envelope e : sent) {
            assertNotEquals(dropped.get(0).id(), e.deliveries().get(0).connection(), "not handed to the dead: " + e);
        }
        for (String root : roots) {
            assertEquals(1, replies(root, DONE), "answered once: " + slack.thread(dm(root), root));
        }
    }

    @Test
    @Order(5)
    void sigtermClosesTheConnectionFirstSoNewEventsGoElsewhereWhileTheLiveTurnFinishes() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("Storyboarding the scenes ").pauseUntil(finish).finalText("The cut is ready."));
        String liveRoot = ts();
        Connection carrier = socketMode.openConnections().get(0);
        socketMode.deliverTo(carrier, envelope(message(dm(liveRoot), USER, "e-a long video", liveRoot, null)));
        awaitShown(liveRoot, "Storyboarding the scenes");
        String holder = stored("SELECT holder FROM fleet_thread_leases WHERE thread_key LIKE '%" + liveRoot + "'")
                .orElseThrow(() -> new AssertionError("no process holds the live turn's thread" + logs()));
        BotProcess stopping = fleet.stream().filter(p -> p.name().equals(holder)).findFirst().orElseThrow();
        BotProcess survivor = fleet.stream().filter(p -> p != stopping && p.alive()).findFirst().orElseThrow();

        int openBefore = socketMode.openConnections().size();
        stopping.terminate();
        socketMode.awaitOpen(openBefore - 1, WAIT);
        assertEquals(State.CLOSED_BY_CLIENT, carrier.state(), "the stopping process closed its own connection");
        assertTrue(slack.thread(dm(liveRoot), liveRoot).stream().noneMatch(m -> m.text().contains("The cut is ready.")),
                "the connection closed before the live turn ended");

        long survivorBefore = survivor.turns();
        String newRoot = ts();
        Envelope later = socketMode.deliver(envelope(message(dm(newRoot), USER, "e-while it stops", newRoot, null)));
        awaitSlack(newRoot, DONE, 1);
        assertNotEquals(carrier.id(), later.deliveries().get(0).connection());
        Await.until(() -> survivor.turns() == survivorBefore + 1, WAIT, () -> "the survivor's turns " + survivor.turns());

        finish.countDown();
        awaitSlack(liveRoot, "The cut is ready.", 1);
        assertEquals(0, stopping.awaitExit(WAIT), "a stop asked for exits 0\n" + stopping.logTail());
        for (FakeSlack.Message m : slack.thread(dm(liveRoot), liveRoot)) {
            assertFalse(m.text().contains("restarting") || m.text().contains("⏳") || m.streaming(),
                    "the live turn finished in full, not cut by the stop: " + m);
        }
        assertEquals(1, sim.chatMessages().stream().filter(c -> c.text().equals("e-a long video")).count());
    }

    // ---- helpers

    private static String ts() {
        return "1700002000." + String.format("%06d", TS.incrementAndGet());
    }

    /** A direct-message channel per conversation, so each conversation's thread is its own. */
    private static String dm(String root) {
        return "D0" + root.substring(root.indexOf('.') + 1);
    }

    /** Finished (no longer streaming) bot messages of the thread containing the text. */
    private static long replies(String root, String text) {
        return slack.thread(dm(root), root).stream().filter(m -> !m.streaming() && m.text().contains(text)).count();
    }

    private static void awaitSlack(String root, String text, int count) {
        Await.until(() -> replies(root, text) >= count, WAIT,
                () -> "'" + text + "' x" + count + " in " + slack.thread(dm(root), root) + "\n" + socketMode + logs());
    }

    private static void awaitShown(String root, String text) {
        Await.until(() -> slack.thread(dm(root), root).stream().anyMatch(m -> m.text().contains(text)), WAIT,
                () -> "'" + text + "' in " + slack.thread(dm(root), root) + logs());
    }

    private static List<Long> turns() {
        return fleet.stream().map(p -> p.alive() ? p.turns() : 0L).toList();
    }

    private static List<Long> deltas(List<Long> before) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            out.add(fleet.get(i).alive() ? fleet.get(i).turns() - before.get(i) : 0);
        }
        return out;
    }

    private static Optional<String> stored(String query) {
        return FleetFiles.stored(database, query);
    }

    private static String logs() {
        return "\n" + fleet.stream().map(BotProcess::logTail).collect(Collectors.joining("\n"));
    }
}
