package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.CallUse;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Budgets per platform method, as an append-only platform (Slack) declares them: growth of a stream, a
 * rewrite and a stream's close each draw on their own budget; a burst allowance lets a quiet workspace
 * grow at chunk speed; finals keep a reserve that growth never takes; and a process may use only its
 * share of every budget. A hand-moved clock and a manual scheduler: no sleeping.
 */
class MethodBudgetsTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final ManualScheduler scheduler = new ManualScheduler();

    private static EditBudget budget(String name, int permits, CallUse use, double burst, double reserve) {
        return EditBudget.of(name, permits, MINUTE, ThreadKey::workspace, EnumSet.of(use)).rolling(burst, reserve);
    }

    private EditPacer pacer(Duration interval, EditBudget... budgets) {
        PlatformProfile profile = new PlatformProfile("test", 3900, interval, List.of(budgets), true, interval);
        return new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
    }

    /** A reply that asks again a fixed time after each call, like a stream whose chunks keep coming. */
    private final class Reply implements EditPacer.Paced {
        final ThreadKey thread;
        final List<Long> calls = new ArrayList<>();
        final List<CallUse> uses = new ArrayList<>();
        CallUse use;
        boolean finalText;
        boolean askAgain = true;
        long notBefore = Long.MIN_VALUE / 2;
        long interval;
        EditPacer pacer;

        Reply(String id, CallUse use, long interval) {
            this.thread = new ThreadKey("test", "w", "c", id);
            this.use = use;
            this.interval = interval;
        }

        @Override
        public ThreadKey thread() {
            return thread;
        }

        @Override
        public long notBefore() {
            return notBefore;
        }

        @Override
        public CallUse use() {
            return use;
        }

        @Override
        public boolean finalCall() {
            return finalText;
        }

        @Override
        public void flush() {
            long now = scheduler.nanoTime();
            calls.add(now);
            uses.add(use);
            notBefore = now + interval;
            if (askAgain && !finalText) {
                scheduler.schedule(() -> pacer.request(this, scheduler.nanoTime()), interval,
                        java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }

        void start(EditPacer p) {
            this.pacer = p;
            p.request(this, scheduler.nanoTime());
        }
    }

    @Test
    void aQuietWorkspaceGrowsAtChunkSpeedWithABurstAllowance() {
        long every = Duration.ofMillis(750).toNanos();
        EditPacer pacer = pacer(Duration.ofMillis(750), budget("append", 100, CallUse.APPEND, 0.6, 0));
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Reply r = new Reply("r" + i, CallUse.APPEND, every);
            replies.add(r);
            r.start(pacer);
        }
        scheduler.advance(Duration.ofSeconds(20));
        for (Reply r : replies) {
            // one call every 0.75 s for 20 s: 27 calls, none held back by the budget
            assertTrue(r.calls.size() >= 26, "calls in 20 s: " + r.calls.size());
            for (int i = 1; i < r.calls.size(); i++) {
                assertTrue(r.calls.get(i) - r.calls.get(i - 1) <= every + Duration.ofMillis(50).toNanos(),
                        "gap " + (r.calls.get(i) - r.calls.get(i - 1)) / 1e6 + " ms");
            }
        }
    }

    @Test
    void spreadEvenlyTheSameBudgetHoldsAQuietWorkspaceBack() {
        long every = Duration.ofMillis(750).toNanos();
        EditPacer pacer = pacer(Duration.ofMillis(750), budget("append", 100, CallUse.APPEND, 0, 0));
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Reply r = new Reply("r" + i, CallUse.APPEND, every);
            replies.add(r);
            r.start(pacer);
        }
        scheduler.advance(Duration.ofSeconds(20));
        int total = replies.stream().mapToInt(r -> r.calls.size()).sum();
        assertTrue(total < 60, "without a burst allowance three replies share ~100 a minute: " + total);
    }

    @Test
    void growthNeverTakesThePermitsKeptForFinals() {
        EditPacer pacer = pacer(Duration.ofMillis(100), budget("update", 50, CallUse.EDIT, 0.6, 0.4));
        List<Reply> growing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Reply r = new Reply("g" + i, CallUse.EDIT, Duration.ofMillis(500).toNanos());
            growing.add(r);
            r.start(pacer);
        }
        scheduler.advance(Duration.ofSeconds(20));
        int grown = growing.stream().mapToInt(r -> r.calls.size()).sum();
        assertTrue(grown <= 30, "growth keeps 20 of 50 for finals: " + grown);
        // Every reply turns final at once: all 20 finals go now, not after the window frees.
        for (Reply r : growing) {
            r.finalText = true;
            pacer.request(r, scheduler.nanoTime());
        }
        scheduler.advance(Duration.ofMillis(200));
        for (Reply r : growing) {
            assertTrue(r.finalText && r.calls.size() >= 1, "final sent");
        }
        int finals = growing.stream().mapToInt(r -> r.calls.size()).sum() - grown;
        assertEquals(20, finals, "every final went within 0.2 s");
        assertTrue(EditPacerTest.busiestWindow(growing.stream().flatMap(r -> r.calls.stream()).toList(), MINUTE) <= 50);
    }

    @Test
    void aStreamGrowsAndClosesOnItsOwnBudgetsAndClosesAsAnEditWhenTheCloseBudgetIsSpent() {
        EditPacer pacer = pacer(Duration.ofMillis(100), budget("update", 50, CallUse.EDIT, 0.6, 0.4),
                budget("append", 100, CallUse.APPEND, 0.6, 0), budget("stop", 1, CallUse.CLOSE, 0.6, 0));
        Reply a = new Reply("a", CallUse.CLOSE, 0);
        a.finalText = true;
        Reply b = new Reply("b", CallUse.CLOSE, 0);
        b.finalText = true;
        a.start(pacer);
        b.start(pacer);
        scheduler.advance(Duration.ofMillis(10));
        assertEquals(1, a.calls.size());
        assertEquals(1, b.calls.size(), "the second close has no stop permit: it goes on chat.update's");
        // Growth on appends does not touch chat.update: 100 appends fit while updates are untouched.
        Reply c = new Reply("c", CallUse.APPEND, Duration.ofMillis(100).toNanos());
        c.start(pacer);
        scheduler.advance(Duration.ofSeconds(5));
        assertTrue(c.calls.size() >= 40, "appends: " + c.calls.size());
    }

    @Test
    void aLimiterAtShareOneHalfAdmitsHalf() {
        AtomicReference<Double> share = new AtomicReference<>(0.5);
        long now = 0;
        SlidingWindowLimiter whole = new SlidingWindowLimiter(10, MINUTE.toNanos(), 0.6, 0, () -> 1.0, now);
        SlidingWindowLimiter half = new SlidingWindowLimiter(10, MINUTE.toNanos(), 0.6, 0, share::get, now);
        assertEquals(10, admitted(whole, now));
        assertEquals(5, admitted(half, now));
        share.set(0.01);
        assertEquals(1, half.limit(), "never below one call");
    }

    @Test
    void aPacerAtShareOneHalfLetsHalfThroughInAWindow() {
        PlatformProfile profile = new PlatformProfile("test", 3900, Duration.ZERO,
                List.of(new EditBudget("all", 10, MINUTE, k -> "all")));
        EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock(), () -> 0.5);
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Reply r = new Reply("s" + i, CallUse.EDIT, 0);
            r.askAgain = false;
            replies.add(r);
            r.start(pacer);
        }
        scheduler.advance(Duration.ofSeconds(59));
        assertEquals(5, replies.stream().mapToInt(r -> r.calls.size()).sum());
    }

    /** Growth permits taken within one window, asking every 100 ms from {@code start}. */
    private static int admitted(SlidingWindowLimiter limiter, long start) {
        int n = 0;
        for (long t = start; t < start + Duration.ofSeconds(59).toNanos(); t += Duration.ofMillis(100).toNanos()) {
            while (limiter.nanosUntilPermit(t) == 0 && n < 100) {
                limiter.take(t, false);
                n++;
            }
        }
        return n;
    }
}
