package io.nemobot.slack;

import static io.nemobot.slack.fake.SlackPayloads.envelope;
import static io.nemobot.slack.fake.SlackPayloads.mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.slack.fake.FakeSlack.Message;
import io.nemobot.slack.fake.SignedRequests;
import java.nio.file.Path;
import io.nemobot.testing.CoreTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy workspace at Slack's limits: the real core and the real Bolt app in HTTP mode, many mentions at
 * once across channels, and a fake Web API that enforces every method's tier as a rolling window and
 * refuses what breaks one. The tiers here are Slack's, shrunk (fewer permits, shorter windows, told to
 * the bot through {@code SLACK_RATE_LIMITS} as a grid with other limits would be) so that a burst
 * exhausts the stream budget within a second.
 */
class SlackBurstTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER + ">";
    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final int MENTIONS = 12;
    private static final List<String> CHANNELS = List.of("C0ONE", "C0TWO", "C0THREE");

    @TempDir
    Path data;

    private final CoreTime time = new CoreTime();
    private NemoSimulator sim;
    private FakeSlack fake;
    private BotOnSlack bot;
    private SignedRequests slack;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        fake = FakeSlack.start(time.clock())
                .limit("chat.startStream", 4, WINDOW, false)
                .limit("chat.stopStream", 4, WINDOW, false)
                .limit("chat.update", 10, WINDOW, false)
                .limit("chat.appendStream", 20, WINDOW, false)
                .limit("assistant.threads.setStatus", 10, WINDOW, false)
                .limit("chat.postMessage", 1, Duration.ofMillis(300), true);
        Map<String, String> env = BotOnSlack.env(sim.baseUrl(), data, fake);
        env.put("SLACK_RATE_LIMITS", "chat.startStream=4/3s,chat.stopStream=4/3s,chat.update=10/3s,"
                + "chat.appendStream=20/3s,assistant.threads.setStatus=10/3s,chat.postMessage=1/300ms/channel");
        bot = BotOnSlack.start(time, env, SlackOptions.defaults().withStreamIdle(Duration.ofSeconds(2)));
        slack = bot.slack;
    }

    @AfterEach
    void stop() {
        bot.close();
        sim.close();
        fake.close();
    }

    @Test
    void aBurstOfMentionsDrawsNoRefusalAndEveryReplyLandsCompleteOnce() throws Exception {
        List<String> finals = new ArrayList<>();
        for (int i = 0; i < MENTIONS; i++) {
            Turn turn = Turn.agent();
            StringBuilder whole = new StringBuilder();
            for (int part = 1; part <= 8; part++) {
                String chunk = "Reply " + i + " part " + part + ". ";
                whole.append(chunk);
                turn = turn.text(chunk).pauseUntil(time.passed(Duration.ofMillis(300)));
            }
            String text = whole.toString().strip();
            finals.add(text);
            sim.enqueueTurn(turn.finalText(text));
        }
        List<String[]> threads = new ArrayList<>();
        for (int i = 0; i < MENTIONS; i++) {
            String channel = CHANNELS.get(i % CHANNELS.size());
            String root = "1700000400." + String.format("%06d", i + 1);
            threads.add(new String[] {channel, root});
            assertEquals(200, slack.event(envelope(mention(channel, "U0P" + i, BOT + " make video " + i, root, null)))
                    .status());
        }

        fake.await("every reply complete", f -> threads.stream().allMatch(t -> f.thread(t[0], t[1]).stream()
                .anyMatch(m -> !m.streaming() && finals.contains(m.text()))), time);

        assertEquals(Map.of(), fake.refusals(), "no call over any method's limit");
        for (String text : finals) {
            long copies = fake.messages().stream().filter(m -> m.text().contains(text)).count();
            assertEquals(1, copies, "exactly once: " + text);
        }
        for (String[] t : threads) {
            List<Message> replies = fake.thread(t[0], t[1]);
            assertEquals(1, replies.size(), "one message per reply: " + replies);
            Message reply = replies.get(0);
            String before = "";
            for (String shown : reply.history()) {
                if (shown.isEmpty() || shown.equals("…")) {
                    continue; // the acknowledgement: a stream started empty, or a posted reply's mark
                }
                assertTrue(shown.startsWith(before), "the reply only grew: " + reply.history());
                before = shown;
            }
        }
        assertTrue(fake.calls("chat.startStream").size() >= 1, "replies streamed while the stream budget allowed");
        assertTrue(fake.calls("chat.postMessage").size() >= 1, "the rest fell back to post + update");
        long grewLive = threads.stream().filter(t -> fake.thread(t[0], t[1]).get(0).history().stream().distinct().count() >= 3).count();
        assertTrue(grewLive >= MENTIONS / 2, "most replies grew at least three times: " + grewLive);
    }

    @Test
    void aStreamSlackEndsMidReplyContinuesWithUpdatesAndEndsCompleteOnce() throws Exception {
        fake.streamLifetime(Duration.ofMillis(700)); // appends are then refused: message_not_in_streaming_state
        Turn turn = Turn.agent();
        StringBuilder whole = new StringBuilder();
        for (int part = 1; part <= 8; part++) {
            String chunk = "Scene " + part + ". ";
            whole.append(chunk);
            turn = turn.text(chunk).pauseUntil(time.passed(Duration.ofMillis(250)));
        }
        String text = whole.toString().strip();
        sim.enqueueTurn(turn.finalText(text));
        String root = "1700000500.000001";
        slack.event(envelope(mention("C0ONE", "U0ANA", BOT + " a film in scenes", root, null)));

        fake.await("the final reply", f -> f.thread("C0ONE", root).stream()
                .anyMatch(m -> !m.streaming() && m.text().equals(text)), time);
        Message reply = fake.thread("C0ONE", root).get(0);
        assertTrue(reply.closedBySlack(), "Slack ended the stream mid-reply");
        assertTrue(fake.calls("chat.update").stream().anyMatch(c -> c.param("ts").equals(reply.ts)),
                "the reply went on with chat.update on the stream's ts");
        assertEquals(1, fake.thread("C0ONE", root).size(), "no second message");
        assertEquals(Map.of(), fake.refusals());
    }
}
