package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.config.Settings;
import io.nemobot.nemo.Sleeper;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.testing.Await;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A double-click is one request, on every platform: the rule the adapters each used to keep. */
class DoubleClicksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ThreadKey THREAD = new ThreadKey("test", "W1", "C1", "T1");
    private static final Author ANA = Author.human("U1", "Ana");
    private static final Author BEN = Author.human("U2", "Ben");

    @TempDir
    Path data;

    private static ActionClick click(ThreadKey thread, Author who, Action action, String eventId, MutableClock clock) {
        return new ActionClick(thread, who, action, eventId, clock.instant());
    }

    @Test
    void aSecondClickOnTheSameButtonWithinTheWindowIsARepeat() {
        MutableClock clock = new MutableClock();
        DoubleClicks clicks = new DoubleClicks(clock, Duration.ofSeconds(5));

        assertFalse(clicks.isRepeat(click(THREAD, ANA, Action.EXPORT, "i1", clock)));
        clock.advance(Duration.ofMillis(400));
        assertTrue(clicks.isRepeat(click(THREAD, ANA, Action.EXPORT, "i2", clock)), "a new event id, the same click");
        assertFalse(clicks.isRepeat(click(THREAD, ANA, Action.TIMELINE, "i3", clock)), "another button");
        assertFalse(clicks.isRepeat(click(THREAD, BEN, Action.EXPORT, "i4", clock)), "another person");
        assertFalse(clicks.isRepeat(click(new ThreadKey("test", "W1", "C1", "T2"), ANA, Action.EXPORT, "i5", clock)),
                "another thread");
        clock.advance(Duration.ofMillis(4600));
        assertFalse(clicks.isRepeat(click(THREAD, ANA, Action.EXPORT, "i6", clock)), "five seconds on: a new request");
    }

    @Test
    void theCoreAnswersADoubleClickOnceAndALaterClickAgain() {
        MutableClock clock = new MutableClock(Instant.now());
        try (NemoSimulator sim = NemoSimulator.start();
                BotCore core = BotCore.builder().settings(Settings.of(TestCores.fastSettings(sim.baseUrl(), data)))
                        .sleeper(Sleeper.REAL).clock(clock).build()) {
            RecordingPlatform platform = RecordingPlatform.fast("test");
            core.register(platform);
            core.start();
            sim.setCredits(42, 8, 50);

            core.conversations().click(click(THREAD, ANA, Action.CREDITS, "click-1", clock), platform.thread(THREAD));
            core.conversations().click(click(THREAD, ANA, Action.CREDITS, "click-2", clock), platform.thread(THREAD));
            Await.until(() -> platform.transcript(THREAD).contains("**42** available"), WAIT,
                    () -> platform.transcript(THREAD));
            // The first answer is on screen; its turn ends a moment later. A click before then is queued
            // behind it (and says so), which is not what this test is about.
            Await.until(() -> core.service().activeThreads() == 0, WAIT, () -> "still answering the first click");
            clock.advance(DoubleClicks.WINDOW);
            core.conversations().click(click(THREAD, ANA, Action.CREDITS, "click-3", clock), platform.thread(THREAD));
            Await.until(() -> sim.requests(Endpoint.CREDITS).size() == 2, WAIT,
                    () -> "credits asked " + sim.requests(Endpoint.CREDITS).size() + " times");
            Await.until(() -> core.service().activeThreads() == 0, WAIT, () -> "still working");

            assertEquals(2, sim.requests(Endpoint.CREDITS).size(), "the double-click was one request");
            assertEquals(2, platform.messages(THREAD).size(), platform.transcript(THREAD));
        }
    }
}
