package io.nemobot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.Await;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core tells time by the clock its builder was given: the daily limit resets when that clock's day changes. */
class InjectedTimeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Author ANA = Author.human("U1", "Ana");
    private static final String LIMIT = "You've reached today's limit of 1 requests";

    @TempDir
    Path data;
    NemoSimulator sim;
    BotCore core;
    final MutableClock clock = new MutableClock();
    final RecordingPlatform platform = RecordingPlatform.fast("test");
    final ThreadKey thread = new ThreadKey("test", "W1", "C1", "T-daily");

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        core = TestCores.builder(sim.baseUrl(), data, Map.of("NEMO_USER_DAILY_TURNS", "1")).clock(clock).build();
        core.register(platform);
        core.start();
    }

    @AfterEach
    void stop() {
        core.close();
        sim.close();
    }

    private void say(String text) {
        core.conversations().accept(IncomingMessage.text(thread, ANA, text, UUID.randomUUID().toString()),
                platform.thread(thread));
    }

    private void awaitShown(String needle, int times) {
        Await.until(() -> platform.transcript(thread).split(java.util.regex.Pattern.quote(needle), -1).length - 1 >= times,
                WAIT, () -> platform.transcript(thread));
    }

    @Test
    void theDailyLimitResetsWhenTheInjectedClockReachesTheNextDay() {
        sim.enqueueTurn(Turn.agent().finalText("First answer."));
        say("make a video of a lighthouse");
        awaitShown("First answer.", 1);

        say("another one");
        awaitShown(LIMIT, 1);
        assertEquals(1, sim.chatMessages().size(), "the refused message never reached the backend");

        clock.advance(Duration.ofDays(1));
        sim.enqueueTurn(Turn.agent().finalText("Second answer."));
        say("one more, the next day");
        awaitShown("Second answer.", 1);
        assertEquals(2, sim.chatMessages().size());
    }
}
