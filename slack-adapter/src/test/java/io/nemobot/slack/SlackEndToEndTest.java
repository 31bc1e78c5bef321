package io.nemobot.slack;

import static io.nemobot.slack.fake.SlackPayloads.envelope;
import static io.nemobot.slack.fake.SlackPayloads.fileShare;
import static io.nemobot.slack.fake.SlackPayloads.mention;
import static io.nemobot.slack.fake.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.nemobot.chat.Action;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.simulator.UploadRecord;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.slack.fake.FakeSlack.Message;
import io.nemobot.slack.fake.SignedRequests;
import io.nemobot.slack.fake.SlackPayloads;
import io.nemobot.testing.CoreTime;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "Done means": the real core ({@link BotCore}) and the Nemo simulator behind the real Bolt
 * app in HTTP mode, fed signed requests, writing into the fake Slack Web API on loopback (pointed to by
 * {@code SLACK_API_URL}). Assertions are on what reached the fake and the simulator.
 */
class SlackEndToEndTest {
    private static final String ANA = "U0ANA";
    private static final String CHANNEL = "C0VIDEO";
    private static final String BOT = "<@" + FakeSlack.BOT_USER + ">";

    @TempDir
    Path data;

    private final CoreTime time = new CoreTime();
    private NemoSimulator sim;
    private FakeSlack fake;
    private BotOnSlack bot;
    private BotCore core;
    private SignedRequests slack;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        fake = FakeSlack.start(time.clock());
        startBot(SlackOptions.defaults().withStreamIdle(Duration.ofMillis(300)));
    }

    /** The core and the Bolt app in HTTP mode, on the store in {@code data} (a second start finds the first's). */
    private void startBot(SlackOptions options) {
        Map<String, String> env = BotOnSlack.env(sim.baseUrl(), data, fake);
        env.put("NEMO_RENDER_POLL_INTERVAL", "100ms");
        bot = BotOnSlack.start(time, env, options);
        core = bot.core;
        slack = bot.slack;
    }

    @AfterEach
    void stop() {
        bot.close();
        sim.close();
        fake.close();
    }

    @Test
    void aTurnCutShortByACrashIsMendedInItsOwnMessageAfterTheRestart() throws Exception {
        // Streams close when idle for Slack's default time here, so the acknowledgement (a stream started
        // empty, the status line saying what happens) is still a native stream when the bot dies.
        bot.close();
        startBot(SlackOptions.defaults());
        sim.enqueueTurn(Turn.agent().toolCall("generate_video").hang());
        String root = "1700000300.000900";
        slack.event(envelope(mention(CHANNEL, ANA, BOT + " a long film about the sea", root, null)));
        fake.await("the acknowledgement: a stream started, the progress in the status", f -> f.thread(CHANNEL, root)
                .stream().anyMatch(m -> m.streaming() && m.text().isEmpty())
                && f.calls("assistant.threads.setStatus").stream().anyMatch(c -> c.param("status").contains("⏳")), time);
        Message reply = fake.thread(CHANNEL, root).get(0);
        time.await(() -> sim.chatMessages().size() == 1, () -> "the message reached the backend");
        time.await(() -> core.store().openTurns().size() == 1
                && reply.ts.equals(core.store().openTurns().get(0).message()),
                () -> "stored " + core.store().openTurns() + ", posted " + reply.ts);

        // The crash: the bot goes away mid-turn, the Bolt app and the core with it, without a last edit.
        bot.close();
        startBot(SlackOptions.defaults());

        fake.await("the restart notice in the interrupted message", f -> f.message(reply.ts).orElseThrow().text()
                .contains("I restarted while working on this"), time);
        assertEquals(List.of(reply.ts), fake.thread(CHANNEL, root).stream().map(m -> m.ts).toList(),
                "the interrupted message was mended, no new one posted");
        for (Message m : fake.thread(CHANNEL, root)) {
            assertFalse(m.text().contains("⏳") || m.text().contains("On it"), m.toString());
            assertFalse(m.streaming(), "no stream left open: " + m);
        }
        assertEquals(1, sim.chatMessages().size(), "the message was not sent again");
    }

    @Test
    void aMentionIsAnsweredInItsThreadLiveAndFinishedWithTheFinalTextOnce() throws Exception {
        sim.enqueueTurn(Turn.agent().text("Generating your ").pauseUntil(time.passed(Duration.ofMillis(300))).text("video now.")
                .pauseUntil(time.passed(Duration.ofMillis(300))).finalText("Generating your video now."));
        String root = "1700000300.000100";
        assertEquals(200, slack.event(envelope(mention(CHANNEL, ANA, BOT + " a video about the sea", root, null)))
                .status());

        Message reply = awaitFinalReply(CHANNEL, root, "Generating your video now.");
        assertEquals(1, occurrences(reply.text(), "Generating your video now."), reply.text());
        assertTrue(reply.history().size() >= 2, "the reply was shown live: " + reply.history());
        assertEquals("a video about the sea", sim.chatMessages().get(0).text());
        assertEquals(1, fake.thread(CHANNEL, root).stream().filter(m -> m.text().contains("video now")).count());
        awaitNothingStreaming();
    }

    @Test
    void followUpsInTheThreadReuseTheSessionAndARetriedEventIsOneTurn() throws Exception {
        sim.enqueueTurn(Turn.agent().finalText("First answer."));
        String root = "1700000300.000200";
        String first = envelope(mention(CHANNEL, ANA, BOT + " a video about cats", root, null));
        slack.event(first);
        assertEquals(200, slack.retry(first, 1).status());
        awaitFinalReply(CHANNEL, root, "First answer.");

        sim.enqueueTurn(Turn.agent().finalText("Second answer."));
        slack.event(envelope(message(CHANNEL, ANA, "make it longer", "1700000300.000201", root)));
        awaitFinalReply(CHANNEL, root, "Second answer.");

        assertEquals(1, sim.sessionsCreated());
        assertEquals(List.of("a video about cats", "make it longer"),
                sim.chatMessages().stream().map(m -> m.text()).toList());
        assertEquals(1, sim.chatMessages().stream().map(m -> m.sessionId()).distinct().count());
    }

    @Test
    void aDroppedMp4StreamsToTheBackendByteForByte() throws Exception {
        byte[] video = mp4(300_000);
        JsonObject file = fake.addFile("F0CLIP", "clip.mp4", "video/mp4", video);
        slack.event(envelope(fileShare("D0ANA", ANA, "", "1700000300.000300", null, file)));

        fake.await("the upload confirmation", f -> f.thread("D0ANA", "1700000300.000300").stream()
                .anyMatch(m -> m.text().contains("Uploaded clip.mp4")), time);
        UploadRecord upload = sim.uploads().get(0);
        assertEquals("clip.mp4", upload.filename());
        assertEquals(video.length, upload.size());
        assertEquals(sha256(video), upload.sha256());
        assertEquals(1, fake.downloads("F0CLIP"));
    }

    @Test
    void anOversizedOrWrongTypeFileIsRefusedWithoutADownload() throws Exception {
        JsonObject huge = fake.addFile("F0HUGE", "huge.mp4", "video/mp4", mp4(1000));
        huge.addProperty("size", 900L * 1024 * 1024);
        JsonObject program = fake.addFile("F0EXE", "tool.exe", "application/x-msdownload", new byte[100]);
        slack.event(envelope(fileShare("D0ANA", ANA, "", "1700000300.000400", null, huge, program)));

        fake.await("both refusals", f -> {
            String all = String.join("\n", f.thread("D0ANA", "1700000300.000400").stream().map(Message::text).toList());
            return all.contains("huge.mp4") && all.contains("tool.exe");
        }, time);
        assertEquals(0, fake.downloads("F0HUGE"));
        assertEquals(0, fake.downloads("F0EXE"));
        assertTrue(sim.uploads().isEmpty());
    }

    @Test
    void theExportButtonPostsTheLinkInTheThreadMentioningTheAsker() throws Exception {
        String root = "1700000300.000500";
        slack.event(envelope(mention(CHANNEL, ANA, BOT + " a video about the moon", root, null)));
        fake.await("a reply with an Export button", f -> exportButton(f, root) != null, time);
        Message withButtons = exportButton(fake, root);

        assertEquals(200, slack.interaction(SlackPayloads.click(CHANNEL, withButtons.ts, root, ANA,
                Action.EXPORT.id(), "1700000400.000001")).status());
        assertEquals(200, slack.interaction(SlackPayloads.click(CHANNEL, withButtons.ts, root, ANA,
                Action.EXPORT.id(), "1700000400.300000")).status());
        fake.await("the video link", f -> f.thread(CHANNEL, root).stream()
                .anyMatch(m -> m.text().contains("Your video is ready")), time);
        time.await(() -> core.service().activeThreads() == 0, () -> "the thread is still busy");
        assertTrue(fake.thread(CHANNEL, root).stream().noneMatch(m -> m.text().contains("already running")),
                "the double-click is one export");

        Message link = fake.thread(CHANNEL, root).stream().filter(m -> m.text().contains("Your video is ready"))
                .findFirst().orElseThrow();
        assertTrue(link.text().contains("<@" + ANA + ">"), link.text());
        assertTrue(link.text().contains("http"), link.text());
        assertEquals(1, sim.renderIds().size());
    }

    @Test
    void slashCommandPromptsReachTheBackendWhateverTheirWordsAndCreditsWorkLikeTheKeyword() throws Exception {
        sim.enqueueTurn(Turn.agent().finalText("A timeline of Rome, coming up."));
        assertEquals(200, slack.form(SlackPayloads.command(CHANNEL, ANA, "a timeline of Rome", "trig-e2e-1",
                fake.responseUrl("1"))).status());
        fake.await("the reply under the /nemo root", f -> f.messages().stream()
                .anyMatch(m -> !m.streaming() && m.text().startsWith("A timeline of Rome, coming up.")), time);
        Message root = fake.messages().get(0);
        assertEquals("<@" + ANA + ">: a timeline of Rome", root.text());
        assertEquals(List.of("a timeline of Rome"), sim.chatMessages().stream().map(m -> m.text()).toList());

        slack.form(SlackPayloads.command(CHANNEL, ANA, "credits", "trig-e2e-2", fake.responseUrl("2")));
        fake.await("a credits answer", f -> f.messages().stream()
                .anyMatch(m -> m.text().contains("Credits:") && m.text().contains("available")), time);
        assertEquals(1, sim.chatMessages().size(), "credits did not go to the chat stream");
    }

    @Test
    void slashCommandSubWordsGoThroughTheKeywordTableInChineseAndActOnTheConversationInTheChannel()
            throws Exception {
        sim.setCredits(42, 8, 50);
        SignedRequests.Reply none = slack.form(SlackPayloads.command(CHANNEL, ANA, "积分", "trig-zh-0",
                fake.responseUrl("0")));
        assertTrue(none.body().contains("/nemo") && none.body().contains("对话"), "how to start one: " + none.body());

        sim.enqueueTurn(Turn.agent().finalText("好的。"));
        String root = "1700000300.000950";
        slack.event(envelope(mention(CHANNEL, ANA, BOT + " 一个关于大海的视频", root, null)));
        awaitFinalReply(CHANNEL, root, "好的。");
        awaitTurnsEnded(); // a command sent while the turn still ends would be queued behind it (and say so)
        assertEquals(200, slack.form(SlackPayloads.command(CHANNEL, ANA, "积分", "trig-zh-1",
                fake.responseUrl("1"))).status());
        fake.await("a credits answer in Chinese in the conversation's thread", f -> f.thread(CHANNEL, root).stream()
                .anyMatch(m -> m.text().contains("积分：可用") && m.text().contains("42")), time);
        awaitTurnsEnded();
        int before = fake.thread(CHANNEL, root).size();
        assertEquals(200, slack.form(SlackPayloads.command(CHANNEL, ANA, "状态", "trig-zh-2",
                fake.responseUrl("2"))).status());
        fake.await("a status answer in the conversation's thread", f -> f.thread(CHANNEL, root).size() > before, time);
        awaitTurnsEnded();
        assertTrue(fake.thread(CHANNEL, root).stream().noneMatch(m -> m.text().startsWith("📥")),
                "no command was queued behind a turn: " + fake.thread(CHANNEL, root).stream().map(Message::text).toList());

        assertTrue(fake.calls("chat.postMessage").stream().noneMatch(c -> c.param("thread_ts") == null),
                "no command opened a thread of its own");
        assertEquals(1, sim.chatMessages().size(), "neither command went to the chat stream as a prompt");
    }

    @Test
    void aForgedRequestIs401AndReachesNothing() {
        String event = envelope(mention(CHANNEL, ANA, BOT + " spend the credits", "1700000300.000600", null));
        assertEquals(401, slack.signedWith("guessed-secret", event).status());
        assertTrue(sim.chatMessages().isEmpty());
        assertTrue(fake.messages().isEmpty());
    }

    @Test
    void aTurnOutlivingSlacksStreamLifetimeEndsCompleteWithNothingStuck() throws Exception {
        fake.streamLifetime(Duration.ofMillis(400));
        Turn slow = Turn.agent();
        StringBuilder whole = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            String chunk = "Part " + i + ". ";
            whole.append(chunk);
            slow = slow.text(chunk).pauseUntil(time.passed(Duration.ofMillis(250)));
        }
        String finalText = whole.toString().strip();
        sim.enqueueTurn(slow.finalText(finalText));
        String root = "1700000300.000700";
        slack.event(envelope(message("D0ANA", ANA, "a long story", root, null)));

        Message reply = awaitFinalReply("D0ANA", root, finalText);
        assertEquals(1, occurrences(reply.text(), "Part 8."));
        assertTrue(reply.history().stream().anyMatch(t -> t.startsWith("Part 1.") && !t.contains("Part 8.")),
                "shown live before the end: " + reply.history());
        awaitNothingStreaming();
        for (Message m : fake.messages()) {
            assertFalse(m.streaming(), m.toString());
        }
    }

    @Test
    void aRateLimitedBusyWorkspaceStillGetsEveryFinalText() throws Exception {
        // A workspace without native streams (so every reply is a post, then chat.update) and an update
        // limit stricter than the tier the bot paces itself to (50 a minute: one per 1.2 s), so three
        // replies ending together must draw refusals: the fake and the core share one manual clock, so
        // the bot's second update always falls inside the fake's 2 s window, however loaded the machine.
        fake.streamingAvailable(false).limitUpdates(1, Duration.ofSeconds(2), 1);
        List<String> roots = List.of("1700000300.000801", "1700000300.000802", "1700000300.000803");
        for (int i = 0; i < roots.size(); i++) {
            // Pauses longer than the posts' spacing (one a second per channel), so every reply is posted
            // with its first words and needs updates for the rest, all three at about the same time.
            sim.enqueueTurn(Turn.agent().text("Reply " + i + " starts").pauseUntil(time.passed(Duration.ofSeconds(3)))
                    .text(", goes on").pauseUntil(time.passed(Duration.ofSeconds(3))).finalText("Reply " + i + " starts, goes on, ends."));
        }
        for (String root : roots) {
            slack.event(envelope(mention(CHANNEL, ANA, BOT + " a video", root, null)));
        }

        // The outcome, awaited whatever order the posts, updates and refusals came in.
        fake.await("every final reply, after at least one refused update", f -> f.rateLimitedUpdates() > 0
                && roots.stream().allMatch(root -> f.thread(CHANNEL, root).stream()
                        .anyMatch(m -> !m.streaming() && m.text().endsWith("goes on, ends."))), time);
        awaitTurnsEnded();
        for (String root : roots) {
            assertEquals(1, fake.thread(CHANNEL, root).stream().filter(m -> m.text().contains("ends.")).count(),
                    "one final reply in " + root + ": " + fake.thread(CHANNEL, root).stream().map(Message::text).toList());
        }
    }

    private Message awaitFinalReply(String channel, String root, String text) {
        fake.await("the final reply '" + text + "'", f -> f.thread(channel, root).stream()
                .anyMatch(m -> !m.streaming() && m.text().startsWith(text) && !m.text().contains("⏳")), time);
        return fake.thread(channel, root).stream().filter(m -> m.text().startsWith(text)).findFirst().orElseThrow();
    }

    /** Waits until no thread has a turn running or queued (an answer shows a moment before its turn ends). */
    private void awaitTurnsEnded() {
        time.await(() -> core.service().activeThreads() == 0, () -> core.service().activeThreads() + " threads busy");
    }

    private void awaitNothingStreaming() {
        fake.await("every stream closed", f -> {
            f.expireStreams();
            return f.messages().stream().noneMatch(Message::streaming);
        }, time);
    }

    private static Message exportButton(FakeSlack f, String root) {
        return f.thread(CHANNEL, root).stream().filter(m -> m.buttons().contains(Action.EXPORT.id())).findFirst()
                .orElse(null);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** Bytes that pass the core's sniffing as an MP4 ({@code ftyp} box first), then noise. */
    private static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        byte[] head = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
