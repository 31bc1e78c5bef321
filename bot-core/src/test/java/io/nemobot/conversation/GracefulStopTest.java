package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.SqliteStore;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop of the core: new messages told, live turns given the grace, the rest ended in words and left open. */
class GracefulStopTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ThreadKey T1 = new ThreadKey("test", "W1", "C1", "T1");
    private static final ThreadKey T2 = new ThreadKey("test", "W1", "C1", "T2");
    private static final Author ANA = Author.human("U1", "Ana");

    @TempDir
    Path data;
    NemoSimulator sim;
    int events;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
    }

    @AfterEach
    void stop() {
        sim.releaseHangs();
        sim.close();
    }

    private BotCore core(RecordingPlatform platform) {
        BotCore core = TestCores.core(sim.baseUrl(), data, Map.of());
        core.register(platform);
        core.start();
        return core;
    }

    private void say(BotCore core, RecordingPlatform platform, ThreadKey thread, String text) {
        core.conversations().accept(IncomingMessage.text(thread, ANA, text, "e" + (++events)), platform.thread(thread));
    }

    @Test
    void aTurnStillRunningAfterTheGraceSaysTheBotRestartsStaysOpenAndIsExplainedAfterTheRestart() throws Exception {
        RecordingPlatform platform = RecordingPlatform.fast("test");
        BotCore core = core(platform);
        sim.enqueueTurn(Turn.agent().text("Storyboarding the scenes").toolCall("generate_video").hang());
        say(core, platform, T1, "make a long video");
        Await.until(() -> platform.transcript(T1).contains("⏳"), WAIT, () -> platform.transcript(T1));

        CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(() -> core.shutDown(Duration.ofSeconds(2)));
        Await.until(core.service()::stopping, WAIT, () -> "not stopping");
        say(core, platform, T2, "hello?");
        Await.until(() -> platform.transcript(T2).contains("I'm restarting — back in a moment"), WAIT,
                () -> platform.transcript(T2));
        assertEquals(1, stopped.get(30, TimeUnit.SECONDS), "one turn was left open");

        List<OutgoingMessage> reply = platform.messages(T1);
        assertEquals(1, reply.size(), platform.transcript(T1));
        String shown = reply.get(0).text();
        assertTrue(shown.startsWith("Storyboarding the scenes"), "the text so far stays: " + shown);
        assertTrue(shown.contains("I'm restarting. I'll tell you where this stands"), shown);
        assertFalse(shown.contains("⏳") || shown.contains("On it"), "nothing looks as if it were still streaming: " + shown);
        assertEquals(1, sim.requests(Endpoint.CHAT).size(), "the other thread's message never reached the backend");
        String message = platform.posted(T1).get(0);
        try (SqliteStore store = SqliteStore.open(data)) {
            List<OpenTurn> open = store.openTurns();
            assertEquals(1, open.size());
            assertEquals(message, open.get(0).message(), "the open turn keeps the reply's message");
        }

        sim.releaseHangs();
        RecordingPlatform after = RecordingPlatform.fast("test");
        after.existing(T1, message, reply.get(0));
        try (BotCore restarted = core(after)) {
            Await.until(() -> after.message(message).text().contains("I restarted while working on this"), WAIT,
                    () -> after.transcript(T1));
            Await.until(() -> restarted.store().openTurns().isEmpty(), WAIT, () -> "open: " + restarted.store().openTurns());
        }
    }

    @Test
    void aTurnThatEndsWithinTheGraceIsShownWholeAndNothingStaysOpen() throws Exception {
        RecordingPlatform platform = RecordingPlatform.fast("test");
        BotCore core = core(platform);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("Working on the first cut").pauseUntil(go).text(" — and here it is."));
        say(core, platform, T1, "a short clip");
        Await.until(() -> platform.transcript(T1).contains("Working on the first cut"), WAIT, () -> platform.transcript(T1));

        CompletableFuture<Integer> stopped = CompletableFuture.supplyAsync(() -> core.shutDown(Duration.ofSeconds(20)));
        Await.until(core.service()::stopping, WAIT, () -> "not stopping");
        go.countDown();
        assertEquals(0, stopped.get(30, TimeUnit.SECONDS), "no turn was left open");
        assertTrue(platform.transcript(T1).contains("Working on the first cut — and here it is."), platform.transcript(T1));
        assertFalse(platform.transcript(T1).contains("restarting"), platform.transcript(T1));
        try (SqliteStore store = SqliteStore.open(data)) {
            assertTrue(store.openTurns().isEmpty());
        }
    }
}
