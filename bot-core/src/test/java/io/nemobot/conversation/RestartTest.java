package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.SettledMessage;
import io.nemobot.testing.CoreFixture;
import io.nemobot.testing.RecordingPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stops the bot and starts a new one on the same store: renders in flight and thread bindings survive,
 * and a turn the first bot was in the middle of is mended in its own messages.
 */
class RestartTest {
    private static final String RESTARTED = "⚠️ I restarted while working on this. I didn't resend your message — say"
            + " **status** to see where the timeline stands.";
    @RegisterExtension
    final CoreFixture bot = CoreFixture.notStarted();
    final ThreadKey thread = new ThreadKey("test", "W1", "C1", "T-restart");
    NemoSimulator sim;
    RecordingPlatform platform;

    @BeforeEach
    void parts() {
        sim = bot.sim();
        platform = bot.platform();
    }

    private BotCore boot(Map<String, String> overrides) {
        return bot.boot(overrides);
    }

    private void say(String text, String id) {
        bot.say(thread, text, id);
    }

    @Test
    void aRenderInFlightIsResumedAfterARestartAndItsLinkStillArrives() {
        BotCore first = boot(Map.of("NEMO_RENDER_POLL_INTERVAL", "1h"));
        say("make a video", "e1");
        bot.awaitShown(thread, "Say export");
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(10), RenderStep.processing(60),
                RenderStep.completed("https://cdn.example/resumed.mp4")));
        say("export", "e2");
        bot.await(() -> sim.requests(Endpoint.RENDER_POLL).size() >= 1, () -> "no poll: " + sim.requests());
        bot.awaitShown(thread, "Rendering");
        String progress = platform.posted(thread).get(platform.posted(thread).size() - 1);
        bot.await(() -> first.store().pendingRenders().size() == 1
                && progress.equals(first.store().pendingRenders().get(0).progressMessage()),
                () -> "stored " + first.store().pendingRenders() + ", posted " + progress);
        bot.stop();

        BotCore second = boot(Map.of("NEMO_MENTION_AFTER", "0s"));
        bot.awaitShown(thread, "https://cdn.example/resumed.mp4");
        assertEquals("✅ Rendered.", platform.message(progress).text(), "the progress message itself shows the end");
        assertFalse(platform.transcript(thread).contains("Rendering"), platform.transcript(thread));
        assertTrue(platform.transcript(thread).contains("<@U1> Your video is ready"), platform.transcript(thread));
        assertEquals(1, sim.renderIds().size(), "the render was not submitted again");
        bot.await(() -> second.store().pendingRenders().isEmpty(), () -> "render still pending");
        sim.enqueueTurn(Turn.agent().finalText("Still the same project."));
        say("make it brighter", "e3");
        bot.awaitShown(thread, "Still the same project.");
        assertEquals(1, sim.sessionsCreated(), "the thread still maps to its session");
        assertEquals(1, sim.anonymousTokensIssued(), "the token survived the restart");
    }

    @Test
    void aBotThatDiedWhilePostingALinkNeverPostsItAgainButShowsItInTheProgressMessage() {
        BotCore first = boot(Map.of("NEMO_RENDER_POLL_INTERVAL", "1h"));
        say("make a video", "e1");
        bot.awaitShown(thread, "Say export");
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(10), RenderStep.completed("https://cdn.example/maybe.mp4")));
        say("export", "e2");
        bot.awaitShown(thread, "Rendering");
        String progress = platform.posted(thread).get(platform.posted(thread).size() - 1);
        bot.await(() -> first.store().pendingRenders().size() == 1
                && progress.equals(first.store().pendingRenders().get(0).progressMessage()),
                () -> "stored " + first.store().pendingRenders());
        // The bot claimed the link's post and died before knowing whether it landed.
        assertTrue(first.store().claimRenderLink(first.store().pendingRenders().get(0).renderId()));
        int postedBefore = platform.posted(thread).size();
        bot.stop();

        BotCore second = boot(Map.of());
        bot.await(() -> second.store().pendingRenders().isEmpty(), () -> "render still pending");
        assertEquals("✅ Rendered — your video: https://cdn.example/maybe.mp4", platform.message(progress).text(),
                "the link is visible, in the one message the bot knows it posted");
        assertEquals(postedBefore, platform.posted(thread).size(), "no link message posted a second time");
    }

    @Test
    void aTurnCutShortByARestartIsExplainedInItsOwnMessageAndNotResent() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say("make a long video", "e1");
        bot.awaitShown(thread, "Working on it");
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        bot.stop();

        BotCore second = boot(Map.of());
        awaitNotice(reply);
        assertEquals(List.of(reply), platform.posted(thread), "the interrupted message was mended, no new one posted");
        assertEquals(1, sim.chatMessages().size(), "the message was not sent again");
        bot.await(() -> second.store().openTurns().isEmpty(), () -> "still open: " + second.store().openTurns());
    }

    @Test
    void aRestartLeavesNoAcknowledgementOrProgressLineBehind() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().toolCall("generate_video").hang());
        say("make a long video", "e1");
        bot.awaitShown(thread, "⏳");
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        bot.stop();

        boot(Map.of());
        awaitNotice(reply);
        assertEquals(List.of(reply), platform.posted(thread));
        assertNothingStale();
    }

    @Test
    void aReplyThatRolledOverIsMendedInEveryMessage() {
        platform = RecordingPlatform.withBudget("test", 500);
        bot.usePlatform(platform);
        String before = sentences("Scene", 6);
        String after = sentences("Shot", 6);
        CountDownLatch gate = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text(before).toolCall("generate_video").pauseUntil(gate).text(" " + after).hang());
        BotCore first = boot(Map.of());
        say("make a long video", "e1");
        // The text and, under it, the tool's progress line (not the line that stood under the acknowledgement).
        bot.await(() -> platform.transcript(thread).contains(before) && platform.transcript(thread).contains("⏳ Generating"),
                () -> platform.transcript(thread));
        String full = platform.posted(thread).get(0);
        // From now on the platform refuses to take the progress line off the first message (the budget
        // is spent): when the text rolls over to a new message, the full one keeps showing the line.
        platform.faults(c -> c.messageId().equals(full) && !c.kind().equals("post") && !c.content().text().contains("⏳")
                ? ChatPlatformException.rateLimited(Duration.ofMinutes(10)) : null);
        gate.countDown();
        bot.await(() -> platform.posted(thread).size() == 2, () -> platform.transcript(thread));
        String open = platform.posted(thread).get(1);
        awaitStoredMessage(first, open);
        assertTrue(platform.message(full).text().contains("⏳"), "the full message still shows the line: " + platform.message(full));
        bot.stop();

        platform.faults(c -> null);
        boot(Map.of());
        awaitNotice(open);
        assertEquals(before, platform.message(full).text(), "the full message shows its text, and only that");
        assertEquals(List.of(full, open), platform.posted(thread));
        assertNothingStale();
    }

    @Test
    void aMessageQueuedBehindTheTurnTheBotDiedInIsAnsweredAfterTheRestartAndSentOnce() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say("make a long video", "e1");
        bot.awaitShown(thread, "Working on it");
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        say("make it brighter", "e2"); // acknowledged (the platform will not send it again), not started
        bot.awaitShown(thread, "Got it");
        bot.await(() -> first.store().acceptedMessages().size() == 1, () -> "recorded " + first.store().acceptedMessages());
        bot.stop();

        sim.enqueueTurn(Turn.agent().finalText("Brighter now."));
        BotCore second = boot(Map.of());
        awaitNotice(reply);
        bot.awaitShown(thread, "Brighter now.");
        assertEquals(List.of("make a long video", "make it brighter"),
                sim.chatMessages().stream().map(io.nemobot.simulator.ChatMessage::text).toList(),
                "the waiting message reached the backend once, after the restart; the interrupted one was not resent");
        bot.awaitQuiet();
        assertEquals(List.of(), second.store().acceptedMessages(), "nothing is left to run a second time");
        bot.stop();
        boot(Map.of());
        bot.awaitQuiet();
        assertEquals(2, sim.chatMessages().size(), "a second restart runs nothing again");
    }

    @Test
    void anExportClickQueuedBehindTheTurnTheBotDiedInRendersOnceAfterTheRestart() {
        BotCore first = boot(Map.of());
        say("make a video", "e1");
        bot.awaitShown(thread, "Say export");
        bot.awaitQuiet();
        String reply = hangTurn(first, "make it longer", "e2");
        clickThenDie(first, Action.EXPORT, true);

        sim.setRenderScript(RenderScript.steps(RenderStep.processing(40), RenderStep.completed("https://cdn.example/kept.mp4")));
        BotCore second = boot(Map.of());
        awaitNotice(reply);
        bot.awaitShown(thread, "https://cdn.example/kept.mp4");
        bot.awaitQuiet();
        bot.await(() -> second.store().pendingRenders().isEmpty(), () -> "render still pending");
        assertEquals(1, sim.renderIds().size(), "the click rendered once, after the restart");
        assertEquals(1, count(platform.transcript(thread), "Your video is ready"), platform.transcript(thread));
        assertEquals(2, sim.chatMessages().size(), "the interrupted message was not resent");
        assertEquals(List.of(), second.store().acceptedMessages(), "nothing is left to run a second time");
        bot.stop();
        boot(Map.of());
        bot.awaitQuiet();
        assertEquals(1, sim.renderIds().size(), "a second restart renders nothing again");
    }

    @Test
    void aCreditsClickQueuedBehindTheTurnTheBotDiedInIsAnsweredOnceAfterTheRestart() {
        BotCore first = boot(Map.of());
        hangTurn(first, "make a long video", "e1");
        clickThenDie(first, Action.CREDITS, false);

        boot(Map.of());
        bot.awaitShown(thread, "💳 Credits:");
        bot.awaitQuiet();
        bot.click(new ActionClick(thread, CoreFixture.ANA, Action.CREDITS, "click-1", bot.clock().instant()));
        bot.stop();
        boot(Map.of());
        bot.awaitQuiet();
        assertEquals(1, count(platform.transcript(thread), "💳 Credits:"),
                "answered once: not again for a second delivery of the click, nor after a second restart; "
                        + platform.transcript(thread));
    }

    @Test
    void aRetryClickQueuedBehindTheTurnTheBotDiedInSaysPlainlyThatTheRestartLostWhatToRetry() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working").cut());
        say("make something", "e1");
        bot.awaitShown(thread, "couldn't confirm"); // under it, a Retry button (the offer lives in the process only)
        bot.awaitQuiet();
        hangTurn(first, "make a long video", "e2");
        clickThenDie(first, Action.RETRY, false);

        BotCore second = boot(Map.of());
        bot.awaitShown(thread, "I restarted before I could retry your message");
        bot.awaitQuiet();
        assertEquals(2, sim.chatMessages().size(), "nothing was sent for the lost retry");
        assertEquals(List.of(), second.store().acceptedMessages());
    }

    @Test
    void aQueuedMessageWhoseFilesWereLostInTheRestartIsExplainedNotRun() {
        BotCore first = boot(Map.of());
        hangTurn(first, "make a long video", "e1");
        io.nemobot.chat.Attachment clip = new io.nemobot.chat.Attachment("clip.mp4", 3, "video/mp4",
                () -> new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
        bot.accept(new io.nemobot.chat.IncomingMessage(thread, CoreFixture.ANA, "use this", List.of(clip),
                java.util.Optional.empty(), "e2", java.time.Instant.now()));
        bot.awaitShown(thread, "Got it");
        bot.await(() -> first.store().acceptedMessages().size() == 1, () -> "recorded " + first.store().acceptedMessages());
        bot.stop();

        BotCore second = boot(Map.of());
        bot.awaitShown(thread, "before I could take the file(s) you sent");
        bot.awaitQuiet();
        assertEquals(1, sim.chatMessages().size(), "nothing was sent without its files");
        assertEquals(List.of(), second.store().acceptedMessages());
    }

    /** A turn that hangs mid-stream after its first words, its reply's message id stored; returns that id. */
    private String hangTurn(BotCore core, String text, String eventId) {
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say(text, eventId);
        bot.awaitShown(thread, "Working on it");
        String reply = platform.posted(thread).get(platform.posted(thread).size() - 1);
        awaitStoredMessage(core, reply);
        return reply;
    }

    /** The button clicked behind the hanging turn, recorded as accepted (and acknowledged, when asked), then the bot dies. */
    private void clickThenDie(BotCore core, Action action, boolean acknowledged) {
        bot.click(new ActionClick(thread, CoreFixture.ANA, action, "click-1", bot.clock().instant()));
        if (acknowledged) {
            bot.awaitShown(thread, "Got it"); // acknowledged (the platform will not send the click again), not started
        }
        bot.await(() -> core.store().acceptedMessages().size() == 1, () -> "recorded " + core.store().acceptedMessages());
        bot.stop();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Test
    void manyInterruptedTurnsAreExplainedWithinThePlatformsBudgetAndForgottenOnlyOnceExplained() {
        int permits = 5;
        Duration window = Duration.ofMillis(500);
        platform = RecordingPlatform.withBudget("test", 2000, new EditBudget("calls", permits, window, t -> "bot"));
        bot.usePlatform(platform);
        BotCore first = boot(Map.of());
        Map<String, String> wanted = new java.util.LinkedHashMap<>(); // message id -> the text it must end with
        for (int i = 0; i < 30; i++) {
            ThreadKey t = new ThreadKey("test", "W1", "C1", "T-many-" + i);
            List<SettledMessage> settled = List.of();
            if (i % 3 == 0) { // a reply that had rolled over: its full message keeps its text
                String full = "m" + (1000 + 2 * i);
                platform.existing(t, full, OutgoingMessage.of("Scene " + i + " in warm light.\n⏳ Generating"));
                settled = List.of(new SettledMessage(full, "Scene " + i + " in warm light."));
                wanted.put(full, "Scene " + i + " in warm light.");
            }
            String open = "m" + (1001 + 2 * i);
            platform.existing(t, open, OutgoingMessage.of("Working on it\n⏳ Generating"));
            wanted.put(open, RESTARTED);
            first.store().saveOpenTurn(new OpenTurn(t, open, settled, bot.clock().instant()));
        }
        bot.stop();
        List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> forgottenTooSoon = new java.util.concurrent.CopyOnWriteArrayList<>();
        platform.onCall(c -> {
            times.add(bot.time().nanoTime());
            if (bot.core().store().openTurn(c.thread()).isEmpty()) {
                forgottenTooSoon.add(c.thread().id());
            }
        });

        BotCore second = boot(Map.of());
        bot.await(() -> wanted.entrySet().stream().allMatch(e -> platform.message(e.getKey()).text().startsWith(e.getValue()))
                && second.store().openTurns().isEmpty(), () -> "open " + second.store().openTurns() + "; calls " + platform.calls());
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            assertEquals(e.getValue(), platform.message(e.getKey()).text(), "message " + e.getKey());
            assertEquals(1, platform.calls().stream().filter(c -> c.messageId().equals(e.getKey())).count(),
                    "message " + e.getKey() + " edited once: " + platform.calls());
        }
        assertEquals(0, platform.count("post"), "every message was mended in place");
        for (int i = 0; i < times.size(); i++) {
            long from = times.get(i);
            long inWindow = times.stream().filter(t -> t >= from && t - from < window.toNanos()).count();
            assertTrue(inWindow <= permits, inWindow + " calls within " + window + " from call " + i + "; budget " + permits);
        }
        assertEquals(List.of(), forgottenTooSoon, "open-turn records removed before their explanation landed");
    }

    @Test
    void aMessageQueuedBehindAnInterruptedTurnRunsOnlyAfterItsExplanationLanded() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say("make a long video", "e1");
        bot.awaitShown(thread, "Working on it");
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        say("make it brighter", "e2");
        bot.awaitShown(thread, "Got it");
        bot.await(() -> first.store().acceptedMessages().size() == 1, () -> "recorded " + first.store().acceptedMessages());
        bot.stop();

        // The explanation's edit fails a few times (a flaky platform): it is retried later, and the waiting message waits.
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
        platform.faults(c -> c.messageId().equals(reply) && refusals.getAndIncrement() < 3
                ? new ChatPlatformException(ChatPlatformException.Kind.OTHER, "bad gateway") : null);
        sim.enqueueTurn(Turn.agent().finalText("Brighter now."));
        int before = platform.calls().size();
        boot(Map.of());
        bot.awaitShown(thread, "Brighter now.");
        List<RecordingPlatform.Call> calls = platform.calls().subList(before, platform.calls().size());
        int explained = indexOf(calls, c -> c.messageId().equals(reply) && c.content().text().equals(RESTARTED));
        int answered = indexOf(calls, c -> c.kind().equals("post"));
        assertTrue(explained >= 0 && refusals.get() > 3, "explained after the refusals: " + calls);
        assertTrue(explained < answered, "the waiting message's answer came before the explanation: " + calls);
    }

    @Test
    void anInterruptedMessageThatCannotBeEditedGetsItsExplanationPostedAndTheTurnIsForgottenAfterThePost() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say("make a long video", "e1");
        bot.awaitShown(thread, "Working on it");
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        bot.stop();

        platform.faults(c -> c.messageId().equals(reply) ? new ChatPlatformException(ChatPlatformException.Kind.FORBIDDEN,
                "missing access") : null);
        List<Boolean> openAtPost = new java.util.concurrent.CopyOnWriteArrayList<>();
        platform.onCall(c -> {
            if (c.kind().equals("post")) {
                openAtPost.add(bot.core().store().openTurn(thread).isPresent());
            }
        });
        BotCore second = boot(Map.of());
        bot.await(() -> second.store().openTurns().isEmpty(), () -> "still open: " + second.store().openTurns());
        assertEquals(2, platform.posted(thread).size(), platform.transcript(thread));
        assertEquals(RESTARTED, platform.message(platform.posted(thread).get(1)).text());
        assertEquals(List.of(true), openAtPost, "the record stayed until the explanation was posted");
    }

    private static int indexOf(List<RecordingPlatform.Call> calls, java.util.function.Predicate<RecordingPlatform.Call> p) {
        for (int i = 0; i < calls.size(); i++) {
            if (p.test(calls.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String sentences(String word, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append(word).append(' ').append(i).append(" shows the harbour from a new angle in warm light. ");
        }
        return s.toString().strip();
    }

    /** The reply's message id is in the store once that message is on the platform. */
    private void awaitStoredMessage(BotCore core, String id) {
        bot.await(() -> core.store().openTurns().size() == 1 && id.equals(core.store().openTurns().get(0).message()),
                () -> "stored " + core.store().openTurns() + ", posted " + id);
    }

    private void awaitNotice(String id) {
        bot.await(() -> platform.message(id).text().contains("I restarted while working on this"),
                () -> "message " + id + ": " + platform.message(id) + "; thread: " + platform.transcript(thread));
    }

    private void assertNothingStale() {
        for (OutgoingMessage m : platform.messages(thread)) {
            assertFalse(m.text().contains("⏳"), "a progress line is left: " + platform.transcript(thread));
            assertFalse(m.text().contains("On it"), "the acknowledgement is left: " + platform.transcript(thread));
        }
    }
}
