package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.recovery.RetryOffers;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.CoreFixture;
import io.nemobot.store.SqliteStore;
import io.nemobot.testing.RecordingPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole core after a busy spell and a quiet one: everything it kept per thread, user, event and
 * Retry button is released. The quiet hour passes on the core's own clock.
 */
class IdleFootprintTest {
    @RegisterExtension
    final CoreFixture bot = CoreFixture.notStarted();
    final RecordingPlatform platform = RecordingPlatform.withBudget("test", 2000,
            new EditBudget("per thread", 5, Duration.ofSeconds(1), ThreadKey::thread));
    NemoSimulator sim;

    @BeforeEach
    void start() {
        bot.usePlatform(platform);
        bot.boot(Map.of());
        sim = bot.sim();
    }

    private void say(ThreadKey t, String text) {
        Author author = Author.human("U-" + t.thread(), "User " + t.thread()); // one user per thread: no user limit
        bot.accept(IncomingMessage.text(t, author, text, UUID.randomUUID().toString()));
    }

    private static ThreadKey thread(String id) {
        return new ThreadKey("test", "W1", "C1", id);
    }

    @Test
    void afterAQuietSpellTheCoreKeepsNothingPerThread() {
        ThreadKey cut = thread("T-cut");
        sim.enqueueTurn(Turn.agent().text("Working").cut());
        say(cut, "make something");
        bot.awaitShown(cut, "couldn't confirm");

        sim.setDefaultTurn(Turn.agent().text("Here ").finalText("Here it is."));
        List<ThreadKey> threads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ThreadKey t = thread("T" + i);
            threads.add(t);
            say(t, i % 2 == 0 ? "help" : "a video of waves " + i);
        }
        bot.await(() -> threads.stream().allMatch(t -> platform.transcript(t).contains("Here it is.")
                || platform.transcript(t).contains("Try saying")), () -> platform.calls().toString());
        bot.await(() -> bot.core().service().footprint().lanes() == 0 && bot.core().service().footprint().activeUsers() == 0,
                () -> bot.core().service().footprint().toString());

        Footprint busy = bot.core().service().footprint();
        assertEquals(0, busy.runningTurns(), busy.toString());
        assertEquals(31, busy.seenEvents(), "every event id is remembered against redelivery");
        assertEquals(1, busy.retryOffers(), "the cut stream's Retry button is good");
        SqliteStore store = (SqliteStore) bot.core().store();
        assertEquals(threads.size() + 1, store.cachedBindings(), "each thread's binding is in memory while in use");

        bot.time().advance(RetryOffers.KEPT.plusMinutes(1));
        bot.await(() -> bot.core().service().footprint().empty(), () -> bot.core().service().footprint().toString());
        assertTrue(bot.core().service().footprint().empty());
        assertEquals(0, store.cachedBindings(), "the store keeps the quiet threads' bindings on disk only (the core's ticker)");
    }
}
