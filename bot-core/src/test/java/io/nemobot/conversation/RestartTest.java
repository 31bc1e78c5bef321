package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stops the bot and starts a new one on the same store: renders in flight and thread bindings survive. */
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
        Await.until(() -> first.store().pendingRenders().size() == 1, WAIT, () -> "no pending render");
        first.close();

        BotCore second = boot(Map.of("NEMO_MENTION_AFTER", "0s"));
        try {
            Await.until(() -> platform.transcript(thread).contains("https://cdn.example/resumed.mp4"), WAIT,
                    () -> platform.transcript(thread));
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
    void aTurnCutShortByARestartIsExplainedAndNotResent() {
        BotCore first = boot(Map.of());
        sim.enqueueTurn(Turn.agent().text("Working on it").hang());
        say(first, "make a long video", "e1");
        Await.until(() -> platform.transcript(thread).contains("Working on it"), WAIT, () -> platform.transcript(thread));
        first.close();
        BotCore second = boot(Map.of());
        try {
            Await.until(() -> platform.transcript(thread).contains("I restarted while working on this"), WAIT,
                    () -> platform.transcript(thread));
            assertEquals(1, sim.chatMessages().size());
            assertTrue(second.store().openTurns().isEmpty());
        } finally {
            second.close();
        }
    }
}
