package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.store.SqliteStore;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole core after a busy spell and a quiet one: everything it kept per thread, user, event and
 * Retry button is released. The core's ticker runs with real time (pacing needs it) plus an offset
 * the test moves forward to make hours pass.
 */
class IdleFootprintTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;
    NemoSimulator sim;
    BotCore core;
    final AtomicLong skipped = new AtomicLong();
    final RecordingPlatform platform = RecordingPlatform.withBudget("test", 2000,
            new EditBudget("per thread", 5, Duration.ofSeconds(1), ThreadKey::thread));

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
        core = TestCores.builder(sim.baseUrl(), data, Map.of())
                .ticker(() -> System.nanoTime() + skipped.get()).build();
        core.register(platform);
        core.start();
    }

    @AfterEach
    void stop() {
        core.close();
        sim.close();
    }

    private void say(ThreadKey t, String text) {
        Author author = Author.human("U-" + t.thread(), "User " + t.thread()); // one user per thread: no user limit
        core.conversations().accept(IncomingMessage.text(t, author, text, UUID.randomUUID().toString()), platform.thread(t));
    }

    private static ThreadKey thread(String id) {
        return new ThreadKey("test", "W1", "C1", id);
    }

    @Test
    void afterAQuietSpellTheCoreKeepsNothingPerThread() {
        ThreadKey cut = thread("T-cut");
        sim.enqueueTurn(Turn.agent().text("Working").cut());
        say(cut, "make something");
        Await.until(() -> platform.transcript(cut).contains("couldn't confirm"), WAIT, () -> platform.transcript(cut));

        sim.setDefaultTurn(Turn.agent().text("Here ").finalText("Here it is."));
        List<ThreadKey> threads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ThreadKey t = thread("T" + i);
            threads.add(t);
            say(t, i % 2 == 0 ? "help" : "a video of waves " + i);
        }
        Await.until(() -> threads.stream().allMatch(t -> platform.transcript(t).contains("Here it is.")
                || platform.transcript(t).contains("Try saying")), WAIT, () -> platform.calls().toString());
        Await.until(() -> core.service().footprint().lanes() == 0 && core.service().footprint().activeUsers() == 0,
                WAIT, () -> core.service().footprint().toString());

        Footprint busy = core.service().footprint();
        assertEquals(0, busy.runningTurns(), busy.toString());
        assertEquals(31, busy.seenEvents(), "every event id is remembered against redelivery");
        assertEquals(1, busy.retryOffers(), "the cut stream's Retry button is good");
        SqliteStore store = (SqliteStore) core.store();
        assertEquals(threads.size() + 1, store.cachedBindings(), "each thread's binding is in memory while in use");

        skipped.addAndGet(RetryOffers.KEPT.plusMinutes(1).toNanos());
        Await.until(() -> core.service().footprint().empty(), WAIT, () -> core.service().footprint().toString());
        assertTrue(core.service().footprint().empty());
        assertEquals(0, store.cachedBindings(), "the store keeps the quiet threads' bindings on disk only (the core's ticker)");
        assertTrue(store.binding(cut).orElseThrow().sessionId().isPresent(), "and reads them from there");
    }
}
