package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the bot and starts a new one on the same store: renders in flight and thread bindings survive,
 * and a turn the first bot was in the middle of is mended in its own messages.
 */
class RestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Author ANA = Author.human("U1", "Ana");
    @TempDir
    Path data;
    NemoSimulator sim;
    RecordingPlatform platform = RecordingPlatform.fast("test");
    ThreadKey thread = new ThreadKey("test", "W1", "C1", "T-restart");

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private BotCore boot(Map<String, String> overrides) {
        BotCore core = TestCores.core(sim.baseUrl(), data, overrides);
        core.register(platform);
        core.start();
        return core;
    }

    private void say(BotCore core, String text, String id) {
        core.conversations().accept(IncomingMessage.text(thread, ANA, text, id), platform.thread(thread));
    }

    @Test
    void aRenderInFlightIsResumedAfterARestartAndItsLinkStillArrives() {
        BotCore first = boot(Map.of("NEMO_RENDER_POLL_INTERVAL", "1h"));
        say(first, "make a video", "e1");
        Await.until(() -> platform.transcript(thread).contains("Say export"), WAIT, () -> platform.transcript(thread));
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(10), RenderStep.processing(60),
                RenderStep.completed("https://cdn.example/resumed.mp4")));
        say(first, "export", "e2");
        sim.awaitRequests(Endpoint.RENDER_POLL, 1, WAIT);
        Await.until(() -> platform.transcript(thread).contains("Rendering"), WAIT, () -> platform.transcript(thread));
        String progress = platform.posted(thread).get(platform.posted(thread).size() - 1);
        Await.until(() -> first.store().pendingRenders().size() == 1
                && progress.equals(first.store().pendingRenders().get(0).progressMessage()), WAIT,
                () -> "stored " + first.store().pendingRenders() + ", posted " + progress);
        first.close();

        BotCore second = boot(Map.of("NEMO_MENTION_AFTER", "0s"));
        try {
            Await.until(() -> platform.transcript(thread).contains("https://cdn.example/resumed.mp4"), WAIT,
                    () -> platform.transcript(thread));
            assertEquals("✅ Rendered.", platform.message(progress).text(), "the progress message itself shows the end");
            assertFalse(platform.transcript(thread).contains("Rendering"), platform.transcript(thread));
            assertTrue(platform.transcript(thread).contains("<@U1> Your video is ready"), platform.transcript(thread));
            assertEquals(1, sim.renderIds().size(), "the render was not submitted again");
            Await.until(() -> second.store().pendingRenders().isEmpty(), WAIT, () -> "render still pending");
            sim.enqueueTurn(Turn.agent().finalText("Still the same project."));
            say(second, "make it brighter", "e3");
            Await.until(() -> platform.transcript(thread).contains("Still the same project."), WAIT,
                    () -> platform.transcript(thread));
            assertEquals(1, sim.sessionsCreated(), "the thread still maps to its session");
            assertEquals(1, sim.anonymousTokensIssued(), "the token survived the restart");
        } finally {
            second.close();
        }
    }

    @Test
    void aTurnCutShortByARestartIsExplainedInItsOwnMessageAndNotResent() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say(first, "make a long video", "e1");
        Await.until(() -> platform.transcript(thread).contains("Working on it"), WAIT, () -> platform.transcript(thread));
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        first.close();

        BotCore second = boot(Map.of());
        try {
            awaitNotice(reply);
            assertEquals(List.of(reply), platform.posted(thread), "the interrupted message was mended, no new one posted");
            assertEquals(1, sim.chatMessages().size(), "the message was not sent again");
            assertTrue(second.store().openTurns().isEmpty());
        } finally {
            second.close();
        }
    }

    @Test
    void aRestartLeavesNoAcknowledgementOrProgressLineBehind() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().toolCall("generate_video").hang());
        say(first, "make a long video", "e1");
        Await.until(() -> platform.transcript(thread).contains("⏳"), WAIT, () -> platform.transcript(thread));
        String reply = platform.posted(thread).get(0);
        awaitStoredMessage(first, reply);
        first.close();

        BotCore second = boot(Map.of());
        try {
            awaitNotice(reply);
            assertEquals(List.of(reply), platform.posted(thread));
            assertNothingStale();
        } finally {
            second.close();
        }
    }

    @Test
    void aReplyThatRolledOverIsMendedInEveryMessage() {
        platform = RecordingPlatform.withBudget("test", 500);
        String before = sentences("Scene", 6);
        String after = sentences("Shot", 6);
        CountDownLatch gate = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text(before).toolCall("generate_video").pauseUntil(gate).text(" " + after).hang());
        BotCore first = boot(Map.of());
        say(first, "make a long video", "e1");
        Await.until(() -> platform.transcript(thread).startsWith(before) && platform.transcript(thread).contains("⏳"),
                WAIT, () -> platform.transcript(thread));
        String full = platform.posted(thread).get(0);
        // From now on the platform refuses to take the progress line off the first message (the budget
        // is spent): when the text rolls over to a new message, the full one keeps showing the line.
        platform.faults(c -> c.messageId().equals(full) && !c.kind().equals("post") && !c.content().text().contains("⏳")
                ? ChatPlatformException.rateLimited(Duration.ofMinutes(10)) : null);
        gate.countDown();
        Await.until(() -> platform.posted(thread).size() == 2, WAIT, () -> platform.transcript(thread));
        String open = platform.posted(thread).get(1);
        awaitStoredMessage(first, open);
        assertTrue(platform.message(full).text().contains("⏳"), "the full message still shows the line: " + platform.message(full));
        first.close();

        platform.faults(c -> null);
        BotCore second = boot(Map.of());
        try {
            awaitNotice(open);
            assertEquals(before, platform.message(full).text(), "the full message shows its text, and only that");
            assertEquals(List.of(full, open), platform.posted(thread));
            assertNothingStale();
        } finally {
            second.close();
        }
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
        Await.until(() -> core.store().openTurns().size() == 1 && id.equals(core.store().openTurns().get(0).message()),
                WAIT, () -> "stored " + core.store().openTurns() + ", posted " + id);
    }

    private void awaitNotice(String id) {
        Await.until(() -> platform.message(id).text().contains("I restarted while working on this"), WAIT,
                () -> "message " + id + ": " + platform.message(id) + "; thread: " + platform.transcript(thread));
    }

    private void assertNothingStale() {
        for (OutgoingMessage m : platform.messages(thread)) {
            assertFalse(m.text().contains("⏳"), "a progress line is left: " + platform.transcript(thread));
            assertFalse(m.text().contains("On it"), "the acknowledgement is left: " + platform.transcript(thread));
        }
    }
}
