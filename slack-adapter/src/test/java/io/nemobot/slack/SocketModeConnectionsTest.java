package io.nemobot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.Settings;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.slack.fake.FakeSocketMode;
import io.nemobot.slack.fake.FakeSocketMode.Connection;
import io.nemobot.slack.fake.FakeSocketMode.Delivery;
import io.nemobot.slack.fake.FakeSocketMode.Envelope;
import io.nemobot.slack.fake.FakeSocketMode.State;
import io.nemobot.slack.fake.SlackPayloads;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingConversations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two bot processes' Slack adapters (real Bolt, Tyrus WebSockets) connected in Socket Mode to one fake
 * Slack that hands each envelope to exactly one connection: each event reaches the core once, a
 * redelivery after a lost ack goes to the other connection (and the core sees it as the same event),
 * {@link SlackAdapter#handOver()} closes a process's connection so Slack gives the other every new event,
 * and a {@code refresh_requested} disconnect is followed by a new connection. The two adapters share one
 * core double, whose event-id dedupe stands for the fleet's.
 */
class SocketModeConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private FakeSlack slack;
    private FakeSocketMode socketMode;
    private final RecordingConversations core = new RecordingConversations();
    private SlackAdapter first;
    private SlackAdapter second;
    private int ts;

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        socketMode = FakeSocketMode.start(slack);
        first = adapter();
        first.start();
        socketMode.awaitOpen(1, WAIT); // connection 0 is the first adapter's
        second = adapter();
        second.start();
        socketMode.awaitOpen(2, WAIT);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        socketMode.close();
        slack.close();
    }

    @Test
    void eachEnvelopeGoesToOneConnectionAndIsAcknowledgedOnIt() {
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(socketMode.deliver(event("a video " + i)));
        }
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            texts.add(core.nextMessage(WAIT).message().text());
        }

        assertEquals(Set.of("a video 0", "a video 1", "a video 2", "a video 3"), texts);
        for (Envelope e : sent) {
            socketMode.awaitAck(e, WAIT);
            assertEquals(1, e.deliveries().size(), "handed to one connection: " + e);
            assertEquals(e.deliveries().get(0).connection(), e.ackedBy().orElseThrow(), "acked where it went: " + e);
        }
        assertEquals(Set.of(0, 1), sent.stream().map(e -> e.deliveries().get(0).connection()).collect(Collectors.toSet()),
                "both processes' connections were given events");
        assertEquals(List.of(), core.duplicates());
    }

    @Test
    void anEnvelopeWhoseAckWasLostIsRedeliveredToTheOtherConnectionAndStaysOneMessage() {
        socketMode.ackTimeout(Duration.ofMillis(300));
        Envelope envelope = socketMode.deliverLosingAcks(event("a video once"), 1);

        socketMode.awaitAck(envelope, WAIT);
        List<Delivery> deliveries = envelope.deliveries();
        assertEquals(2, deliveries.size(), envelope.toString());
        assertEquals(1, deliveries.get(1).retryAttempt());
        assertNotEquals(deliveries.get(0).connection(), deliveries.get(1).connection(), "retried on another connection");
        assertEquals(List.of(deliveries.get(0).connection()), envelope.lostAcks());
        assertEquals(deliveries.get(1).connection(), envelope.ackedBy().orElseThrow(), "the retry was acknowledged");
        assertEquals("a video once", core.nextMessage(WAIT).message().text());
        Await.until(() -> core.duplicates().size() == 1, WAIT, () -> "duplicates " + core.duplicates());
        assertEquals(List.of(), core.pendingMessages(), "the retry reached the core as the same event, not a new message");
    }

    @Test
    void handOverClosesTheProcesssConnectionAndSlackGivesTheOtherEveryNewEvent() {
        Connection handedOver = socketMode.connections().get(0);

        assertTrue(first.handOver());
        socketMode.awaitOpen(1, WAIT);
        assertEquals(State.CLOSED_BY_CLIENT, handedOver.state());
        assertEquals(1000, handedOver.closeCode(), "a normal closure");
        assertFalse(first.connected());
        assertFalse(first.handOver(), "nothing left to hand over");

        List<Envelope> sent = List.of(socketMode.deliver(event("after 1")), socketMode.deliver(event("after 2")));
        assertEquals(Set.of("after 1", "after 2"), Set.of(core.nextMessage(WAIT).message().text(),
                core.nextMessage(WAIT).message().text()));
        for (Envelope e : sent) {
            socketMode.awaitAck(e, WAIT);
            assertEquals(1, e.ackedBy().orElseThrow(), "the other process took it: " + e);
        }
        assertEquals(2, socketMode.connections().size(), "the handed-over process did not reconnect");
    }

    @Test
    void aRefreshRequestedDisconnectIsFollowedByANewConnection() {
        Connection old = socketMode.connections().get(0);

        socketMode.disconnect(old, "refresh_requested");
        socketMode.await("a new connection, the old one closed by the client",
                f -> f.connections().size() == 3 && f.openConnections().size() == 2, WAIT);
        assertEquals(State.CLOSED_BY_CLIENT, old.state());

        Connection renewed = socketMode.connections().get(2);
        Envelope envelope = socketMode.deliverTo(renewed, event("over the new connection"));
        assertEquals("over the new connection", core.nextMessage(WAIT).message().text());
        socketMode.awaitAck(envelope, WAIT);
        assertEquals(renewed.id(), envelope.ackedBy().orElseThrow());
        assertTrue(first.connected() && second.connected());
    }

    @Test
    void aLinkDisabledDisconnectIsClosedBySlackAndBoltAsksForANewConnection() {
        Connection old = socketMode.connections().get(1);

        socketMode.disconnect(old, "link_disabled");
        assertEquals(State.CLOSED_BY_SLACK, old.state());
        // Bolt treats every disconnect alike: it asks apps.connections.open again (which a workspace that
        // really turned Socket Mode off would refuse); here it still answers, so the process is back.
        socketMode.await("the second process reconnected",
                f -> f.connections().size() == 3 && f.openConnections().size() == 2, WAIT);
        Envelope envelope = socketMode.deliverTo(socketMode.connections().get(2), event("after the link came back"));
        assertEquals("after the link came back", core.nextMessage(WAIT).message().text());
        socketMode.awaitAck(envelope, WAIT);
    }

    private SlackAdapter adapter() {
        return new SlackAdapter(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
                "SLACK_API_URL", slack.apiUrl())), core);
    }

    private String event(String text) {
        String stamp = "1700000600." + String.format("%06d", ++ts);
        return SlackPayloads.envelope(SlackPayloads.message("D0SOCK" + ts, "U0ANA", text, stamp, null));
    }
}
