package io.nemobot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.config.Settings;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.testing.RecordingConversations;
import io.nemobot.slack.fake.SlackPayloads;
import io.nemobot.testing.CoreTime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode: with {@code SLACK_APP_TOKEN} set the adapter asks {@code apps.connections.open} (with the
 * app token, on the configured API base) for a WebSocket URL, connects with Bolt's Socket Mode client,
 * and acknowledges each envelope. A MockWebServer WebSocket plays Slack's side.
 */
class SlackAdapterSocketModeTest {
    private static final Duration WAIT = CoreTime.WAIT;

    private final BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> fromBot = new LinkedBlockingQueue<>();
    private volatile WebSocket serverSide;
    private FakeSlack fake;
    private MockWebServer slackSide;
    private RecordingConversations core;
    private SlackAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        slackSide = new MockWebServer();
        slackSide.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                webSocket.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                        + "\"connection_info\":{\"app_id\":\"A0FAKE\"}}");
                serverSide = webSocket;
                sockets.add(webSocket);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                fromBot.add(text);
            }
        }).build());
        slackSide.start();
        fake = FakeSlack.start().socketModeUrl("ws://127.0.0.1:" + slackSide.getPort() + "/link/?ticket=fake");
        core = new RecordingConversations();
        adapter = new SlackAdapter(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                "SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
                "SLACK_API_URL", fake.apiUrl())), core);
        adapter.start();
    }

    @AfterEach
    void stop() {
        adapter.close();
        if (serverSide != null) {
            serverSide.close(1000, "test over");
        }
        slackSide.close();
        fake.close();
    }

    @Test
    void eventsArriveOverTheSocketAndAreAcknowledged() throws Exception {
        WebSocket socket = sockets.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(socket != null, "the adapter did not connect");
        assertEquals("Bearer " + FakeSlack.APP_TOKEN, fake.calls("apps.connections.open").get(0).authorization());
        assertFalse(adapter.httpPort().isPresent());
        assertTrue(adapter.connected(), "ready once the socket is open");

        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", "env-1");
        envelope.addProperty("type", "events_api");
        envelope.addProperty("accepts_response_payload", false);
        envelope.addProperty("retry_attempt", 0);
        envelope.add("payload", JsonParser.parseString(SlackPayloads.envelope(
                SlackPayloads.message("D0ANA", "U0ANA", "a video over the socket", "1700000500.000100", null))));
        socket.send(envelope.toString());

        IncomingMessage message = core.nextMessage(WAIT).message();
        assertEquals("a video over the socket", message.text());
        assertEquals("env-1", awaitAck().get("envelope_id").getAsString());
    }

    @Test
    void slashCommandHelpIsAnsweredInTheAck() throws Exception {
        WebSocket socket = sockets.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(socket != null, "the adapter did not connect");
        JsonObject command = new JsonObject();
        command.addProperty("token", "legacy-verification-token-unused");
        command.addProperty("team_id", FakeSlack.TEAM);
        command.addProperty("channel_id", "C0VIDEO");
        command.addProperty("user_id", "U0ANA");
        command.addProperty("user_name", "ana");
        command.addProperty("command", "/nemo");
        command.addProperty("text", "help");
        command.addProperty("trigger_id", "trig-sock");
        command.addProperty("response_url", fake.responseUrl("s"));
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", "env-2");
        envelope.addProperty("type", "slash_commands");
        envelope.addProperty("accepts_response_payload", true);
        envelope.add("payload", command);
        socket.send(envelope.toString());

        JsonObject ack = awaitAck();
        assertEquals("env-2", ack.get("envelope_id").getAsString());
        assertEquals(RecordingConversations.HELP, ack.getAsJsonObject("payload").get("text").getAsString());
    }

    private JsonObject awaitAck() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = fromBot.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (text != null && text.contains("envelope_id")) {
                return JsonParser.parseString(text).getAsJsonObject();
            }
        }
        throw new AssertionError("no ack within " + WAIT);
    }
}
