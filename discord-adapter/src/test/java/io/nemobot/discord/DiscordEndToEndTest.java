package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import io.nemobot.discord.fake.DiscordPayloads;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.FakeInteraction;
import io.nemobot.discord.fake.RecordedCall;
import io.nemobot.discord.fake.Snowflakes;
import io.nemobot.discord.fake.StoredMessage;
import io.nemobot.simulator.ChatMessage;
import io.nemobot.simulator.Drafts;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.simulator.UploadRecord;
import io.nemobot.testing.CoreTime;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot on Discord: the real core and the Nemo simulator behind the real JDA client, against
 * the fake Discord. Assertions are on what reached "Discord" and what reached the backend. The core,
 * the adapter, the fake's clock and the simulator's pauses run on one manual {@link CoreTime}, moved
 * only while the test waits; JDA's own timers (the gateway's heartbeat and reconnect back-off, the
 * READY time-out, its REST rate-limit buckets) cannot be injected and stay real, so what depends on
 * them is awaited as a condition with a real deadline.
 */
class DiscordEndToEndTest {
    /** JDA's READY time-out: real time (see the class comment). */
    static final Duration READY = CoreTime.WAIT;
    static final Duration STEP = Duration.ofMillis(400);
    static final Duration POLL = Duration.ofMillis(150);

    final CoreTime time = new CoreTime();
    @TempDir
    Path data;
    NemoSimulator sim;
    FakeDiscord discord;
    BotCore core;
    DiscordAdapter adapter;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        discord = FakeDiscord.start(DiscordInvite.permissions()).clock(time.clock());
        startBot();
    }

    @AfterEach
    void stop() {
        stopBot();
        discord.close();
        sim.close();
    }

    private void startBot() {
        Map<String, String> values = new HashMap<>(discord.settings());
        values.put("NEMO_API_BASE", sim.baseUrl());
        values.put("NEMO_BOT_DATA", data.toString());
        values.put("NEMO_BOT_CONFIG", data.resolve("no-operator-config").toString());
        values.put("NEMO_RENDER_POLL_INTERVAL", POLL.toMillis() + "ms");
        values.put("NEMO_MENTION_AFTER", "0s");
        Settings settings = Settings.of(values);
        core = time.drive(BotCore.builder().settings(settings)).build();
        adapter = new DiscordAdapter(settings, core.conversations(), time.clock(), READY);
        core.register(adapter.platform());
        core.start();
        adapter.start();
    }

    private void stopBot() {
        adapter.close();
        core.close();
    }

    @Test
    void videoDefersOpensAThreadAndStreamsLiveEditsEndingWithTheFinalTextOnce() {
        String answer = "Here is your cat, surfing a golden wave at sunset.";
        sim.enqueueTurn(Turn.agent().text("Here is your cat, ").pauseUntil(time.passed(STEP)).text("surfing a golden ").pauseUntil(time.passed(STEP))
                .text("wave ").pauseUntil(time.passed(STEP)).text("at sunset.").pauseUntil(time.passed(STEP)).finalText(answer));

        FakeInteraction video = discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a cat surfing"));

        String thread = awaitThread();
        StoredMessage live = awaitMessage(thread, answer);
        List<RecordedCall> callbacks = discord.calls("POST", "interactions/" + video.id() + "/.*");
        assertEquals(1, callbacks.size());
        assertEquals(5, callbacks.get(0).json().getInt("type"), "a deferred reply, at once");
        assertEquals(video.originalId(), thread, "the thread hangs on the bot's reply");
        assertEquals("a cat surfing", discord.threadName(thread).orElseThrow());
        List<String> versions = live.versions();
        assertTrue(versions.size() >= 3, "posted, edited live, finished: " + versions);
        assertTrue(versions.stream().skip(1).limit(versions.size() - 2).anyMatch(v -> v.startsWith("Here is your cat")
                && !v.contains(answer)), "a partial text was shown before the end: " + versions);
        assertEquals(1, discord.messagesIn(thread).stream().filter(m -> m.content().contains(answer)).count());
        assertEquals(1, versions.stream().filter(v -> v.equals(answer)).count(), "the final text lands once");
        assertTrue(Budgets.respected(discord.calls("PATCH", "channels/" + thread + "/messages/\\d+"), 5,
                Duration.ofSeconds(5)), "at most 5 edits per 5 s in the thread");
        assertEquals(List.of("a cat surfing"), sim.chatMessages().stream().map(ChatMessage::text).toList());
    }

    @Test
    void aMessageInTheThreadContinuesTheSameSession() {
        sim.enqueueTurn(Turn.agent().finalText("First cut is ready."));
        sim.enqueueTurn(Turn.agent().finalText("Added lo-fi music."));
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a city timelapse"));
        String thread = awaitThread();
        awaitMessage(thread, "First cut is ready.");

        discord.userMessage(thread, "add lo-fi music");

        awaitMessage(thread, "Added lo-fi music.");
        assertEquals(1, sim.sessionsCreated());
        List<ChatMessage> sent = sim.chatMessages();
        assertEquals(List.of("a city timelapse", "add lo-fi music"), sent.stream().map(ChatMessage::text).toList());
        assertEquals(sent.get(0).sessionId(), sent.get(1).sessionId());
    }

    @Test
    void aDroppedFileIsStreamedToTheBackendByteForByte() throws Exception {
        String thread = openConversation();
        byte[] clip = mp4(300_000);
        String url = discord.cdnFile("clip.mp4", clip);

        discord.userMessage(thread, "", DiscordPayloads.attachment(Snowflakes.next(), "clip.mp4", clip.length,
                "video/mp4", url));

        awaitMessageContaining(thread, "Uploaded clip.mp4");
        UploadRecord upload = sim.uploads().get(0);
        assertEquals("clip.mp4", upload.filename());
        assertEquals(clip.length, upload.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clip)), upload.sha256());
        assertEquals(1, discord.cdnRequests());
    }

    @Test
    void oversizedAndWrongTypeFilesAreRefusedWithoutDownloadingAByte() {
        String thread = openConversation();
        String bigUrl = discord.cdnFile("huge.mp4", mp4(1_000));
        String exeUrl = discord.cdnFile("setup.exe", new byte[] {'M', 'Z', 0, 0});

        discord.userMessage(thread, "", DiscordPayloads.attachment(Snowflakes.next(), "huge.mp4", 600L << 20,
                "video/mp4", bigUrl), DiscordPayloads.attachment(Snowflakes.next(), "setup.exe", 4,
                "application/x-msdownload", exeUrl));

        String refusal = awaitMessageContaining(thread, "huge.mp4").content();
        assertTrue(refusal.contains("🚫") && refusal.contains("setup.exe"), refusal);
        assertEquals(0, discord.cdnRequests(), "nothing downloaded");
        assertTrue(sim.uploads().isEmpty(), "nothing uploaded");
    }

    @Test
    void anExportClickPostsTheLinkMentioningWhoAskedAndADoubleClickRendersOnce() {
        sim.enqueueTurn(Turn.agent().toolCall("generate_video_with_seedance").setDraft(Drafts.demo())
                .toolResult("generate_video_with_seedance").finalText("Your video is generated."));
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a city timelapse"));
        String thread = awaitThread();
        StoredMessage reply = discord.await("the reply with an Export button", time, () -> discord.messagesIn(thread)
                .stream().filter(m -> m.buttonIds().contains(Action.EXPORT.id())).findFirst());

        FakeInteraction first = discord.click(reply.id(), Action.EXPORT.id());
        discord.click(reply.id(), Action.EXPORT.id());

        StoredMessage link = awaitMessageContaining(thread, "Your video is ready");
        assertTrue(link.content().contains("<@" + discord.userId() + ">"), link.content());
        assertTrue(link.content().contains(sim.baseUrl() + "/cdn/"), link.content());
        assertEquals(1, sim.renderIds().size(), "one render for a double-click");
        assertEquals(6, first.acknowledgedWith());
    }

    @Test
    void aRenderInFlightDuringARestartStillEndsWithTheLinkInItsThread() {
        RenderStep[] steps = new RenderStep[25];
        for (int i = 0; i < steps.length - 1; i++) {
            steps[i] = RenderStep.processing(4 * i);
        }
        steps[steps.length - 1] = RenderStep.completed();
        sim.setRenderScript(RenderScript.steps(steps));
        sim.enqueueTurn(Turn.agent().toolCall("generate_video_with_seedance").setDraft(Drafts.demo())
                .finalText("Your video is generated."));
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a city timelapse"));
        String thread = awaitThread();
        awaitMessage(thread, "Your video is generated.");
        discord.slash(thread, "export", Map.of());
        awaitMessageContaining(thread, "Rendering");

        stopBot();
        startBot();

        StoredMessage link = awaitMessageContaining(thread, "Your video is ready");
        assertTrue(link.content().contains(sim.baseUrl() + "/cdn/"), link.content());
        assertEquals(1, sim.renderIds().size());
        assertEquals(2, discord.gatewayIdentifies(), "a new gateway session after the restart");
        Instant restarted = discord.calls("GET", "users/@me").get(1).at();
        RecordedCall posted = discord.calls("POST", "channels/" + thread + "/messages").stream()
                .filter(call -> call.json().getString("content", "").contains("Your video is ready")).findFirst()
                .orElseThrow();
        assertTrue(posted.at().isAfter(restarted), "the link came from the restarted bot");
    }

    @Test
    void aTurnThatOutlivesTheInteractionTokenStillLandsItsLastEdits() {
        Duration lifetime = Duration.ofMillis(1200);
        discord.interactionTokenLifetime(lifetime);
        String answer = "Done: a slow, careful edit of the whole timeline.";
        sim.enqueueTurn(Turn.agent().text("Working ").pauseUntil(time.passed(STEP)).text("on ").pauseUntil(time.passed(STEP)).text("a slow, ")
                .pauseUntil(time.passed(STEP)).text("careful ").pauseUntil(time.passed(STEP)).text("edit").pauseUntil(time.passed(STEP)).pauseUntil(time.passed(STEP)).finalText(answer));
        Instant asked = time.clock().instant();

        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a long careful sunset montage"));

        String thread = awaitThread();
        StoredMessage live = awaitMessage(thread, answer);
        Instant expired = asked.plus(lifetime);
        List<RecordedCall> lateEdits = discord.calls("PATCH", "channels/" + thread + "/messages/" + live.id())
                .stream().filter(call -> call.at().isAfter(expired)).toList();
        assertTrue(!lateEdits.isEmpty(), "edits after the interaction token died");
        lateEdits.forEach(call -> assertEquals(200, call.status()));
        lateEdits.forEach(call -> assertEquals("Bot " + FakeDiscord.TOKEN, call.authorization()));
        assertTrue(discord.calls().stream().filter(call -> call.path().startsWith("webhooks/"))
                .allMatch(call -> call.status() == 200), "no Unknown Webhook anywhere");
    }

    @Test
    void aTurnInProgressSurvivesAGatewayReconnect() {
        String answer = "Finished while the gateway came back.";
        sim.enqueueTurn(Turn.agent().text("Working").pauseUntil(time.passed(STEP)).pauseUntil(time.passed(STEP)).pauseUntil(time.passed(STEP)).finalText(answer));
        sim.enqueueTurn(Turn.agent().finalText("Second turn after the reconnect."));
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a slow rainy street scene"));
        String thread = awaitThread();
        awaitMessageContaining(thread, "Working");

        discord.dropGatewayAndAwait(CoreTime.WAIT);

        awaitMessage(thread, answer);
        discord.await("a resumed session", time,
                () -> discord.gatewayResumes() >= 1 ? Optional.of(true) : Optional.empty());
        discord.userMessage(thread, "and now a title");
        awaitMessage(thread, "Second turn after the reconnect.");
        assertEquals(1, sim.sessionsCreated());
        assertEquals(1, discord.gatewayIdentifies(), "resumed, not a new gateway session");
    }

    @Test
    void aDmIsOneConversationAndHelpComesFromTheSkill() {
        sim.enqueueTurn(Turn.agent().finalText("A rainy street, coming up."));

        discord.userMessage(discord.dmChannelId(), "a rainy street at night");
        FakeInteraction help = discord.subcommand(discord.textChannelId(), "nemo", "help");

        awaitMessage(discord.dmChannelId(), "A rainy street, coming up.");
        String helpText = discord.await("the help", time, () -> Optional.ofNullable(help.originalId())
                .flatMap(discord::message).map(StoredMessage::content).filter(text -> !text.isEmpty()));
        assertEquals(core.conversations().help(new io.nemobot.chat.ThreadKey("discord", discord.guildId(),
                discord.textChannelId(), discord.textChannelId()), Optional.of(java.util.Locale.US)).strip(),
                helpText.strip());
        assertTrue(discord.threadsOpenedByBot().isEmpty());
    }

    @Test
    void aTurnCutShortByACrashIsMendedInItsOwnMessageAfterTheRestart() {
        sim.enqueueTurn(Turn.agent().text("Storyboarding the scenes").toolCall("generate_video").hang());
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a long film about the sea"));
        String thread = awaitThread();
        StoredMessage reply = awaitMessageContaining(thread, "⏳");
        discord.await("the reply's id in the store", time, () -> core.store().openTurns().stream()
                .filter(t -> reply.id().equals(t.message())).findFirst());
        List<String> before = discord.messagesIn(thread).stream().map(StoredMessage::id).toList();

        // The crash: the gateway, the REST client and the core go away mid-turn, without a last edit.
        stopBot();
        startBot();

        discord.await("the restart notice in the interrupted message", time, () -> discord.message(reply.id())
                .filter(m -> m.content().contains("I restarted while working on this")));
        assertEquals(before, discord.messagesIn(thread).stream().map(StoredMessage::id).toList(),
                "the interrupted message was mended, no new one posted");
        for (StoredMessage m : discord.messagesIn(thread)) {
            assertFalse(m.content().contains("⏳") || m.content().contains("On it"), m.toString());
        }
        assertEquals(1, sim.chatMessages().size(), "the message was not sent again");
    }

    /**
     * Known gap in the core, kept here so it is not forgotten: the core routes every short message by
     * its keyword table, the first one of a {@code /video} thread included, so a prompt like "a
     * timeline of the Roman empire" becomes a status request and "render a cat" an export.
     */
    @Test
    void aVideoPromptThatContainsAKeywordIsStillAVideo() {
        sim.enqueueTurn(Turn.agent().finalText("Here is a timeline of the Roman empire, animated."));

        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a timeline of the Roman empire"));

        awaitMessage(awaitThread(), "Here is a timeline of the Roman empire, animated.");
        assertEquals(List.of("a timeline of the Roman empire"), sim.chatMessages().stream().map(ChatMessage::text)
                .toList());
    }

    private String openConversation() {
        sim.enqueueTurn(Turn.agent().finalText("Ready when you are."));
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", "a cat surfing"));
        String thread = awaitThread();
        awaitMessage(thread, "Ready when you are.");
        return thread;
    }

    private String awaitThread() {
        return discord.await("a thread opened by the bot", time,
                () -> discord.threadsOpenedByBot().stream().findFirst());
    }

    private StoredMessage awaitMessage(String channel, String content) {
        return discord.await("a message saying \"" + content + "\" in " + channel, time, () -> discord
                .messagesIn(channel).stream().filter(m -> m.content().equals(content)).findFirst());
    }

    private StoredMessage awaitMessageContaining(String channel, String part) {
        return discord.await("a message containing \"" + part + "\" in " + channel, time, () -> discord
                .messagesIn(channel).stream().filter(m -> m.content().contains(part)).findFirst());
    }

    /** Bytes that look like an MP4 (an ftyp box first), then noise. */
    private static byte[] mp4(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
