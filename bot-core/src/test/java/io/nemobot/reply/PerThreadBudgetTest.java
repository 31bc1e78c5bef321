package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A process of a fleet takes its share of every budget the threads share, but a budget each thread has
 * to itself (Discord's edits per channel, a thread being a channel) stays whole: a thread's turns run in
 * one process at a time, so cutting it would only slow every reply down.
 */
class PerThreadBudgetTest {
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private final ManualScheduler scheduler = new ManualScheduler();

    /** The calls made in the first 5 s by 20 replies of one thread, at a third of each budget. */
    private List<Long> callsOfOneThread(EditBudget perThread) {
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100),
                List.of(perThread, new EditBudget("per bot", 50, Duration.ofSeconds(1), key -> "bot")));
        EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock(), () -> 1.0 / 3);
        List<Long> times = new ArrayList<>();
        long start = scheduler.nanoTime();
        ThreadKey thread = new ThreadKey("test", "guild", "thread-1", "thread-1");
        for (int i = 0; i < 20; i++) {
            pacer.request(new OneCall(thread, times), start);
        }
        scheduler.advance(FIVE_SECONDS.minusMillis(1));
        return times;
    }

    @Test
    void aBudgetEachThreadHasToItselfIsNotCutByTheFleetShare() {
        List<Long> times = callsOfOneThread(new EditBudget("edits per channel", 5, FIVE_SECONDS, EditBudget.PER_THREAD, false));
        assertEquals(5, times.size(), "the whole 5 edits per 5 s of the thread, not a third of them");
        assertEquals(5, EditPacerTest.busiestWindow(times, FIVE_SECONDS));
    }

    @Test
    void theSameLimitSharedBySeveralThreadsIsCut() {
        List<Long> times = callsOfOneThread(new EditBudget("edits per guild", 5, FIVE_SECONDS, ThreadKey::workspace, false));
        assertEquals(1, times.size(), "a third of 5 per 5 s, never less than one");
    }

    private final class OneCall implements EditPacer.Paced {
        private final ThreadKey thread;
        private final List<Long> times;

        OneCall(ThreadKey thread, List<Long> times) {
            this.thread = thread;
            this.times = times;
        }

        @Override
        public ThreadKey thread() {
            return thread;
        }

        @Override
        public long notBefore() {
            return Long.MIN_VALUE / 2;
        }

        @Override
        public void flush() {
            times.add(scheduler.nanoTime());
        }
    }
}
