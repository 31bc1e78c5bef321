package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.testing.ClockedChat;
import io.nemobot.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shared edit budget, driven by a hand-moved clock and a manual scheduler: no sleeping, and every
 * platform call is stamped with fake time so the budget can be checked window by window.
 */
class EditPacerTest {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final int PERMITS = 5;

    private final ManualScheduler scheduler = new ManualScheduler();

    private EditPacer pacer(EditBudget... budgets) {
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(budgets));
        return new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
    }

    private static EditBudget shared(int permits, Duration period) {
        return new EditBudget("shared", permits, period, key -> "all");
    }

    private static EditBudget perChannel(int permits, Duration period) {
        return new EditBudget("per channel", permits, period, ThreadKey::channel);
    }

    /** The most calls in any window [t, t + period) starting at a call. */
    static int busiestWindow(List<Long> times, Duration period) {
        List<Long> sorted = times.stream().sorted().collect(Collectors.toList());
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j) - sorted.get(i) < period.toNanos()) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    private record Stamp(long at, String thread, ClockedChat.Call call) {
    }

    @Test
    void manyRepliesShareTheBudgetFairlyAndNeverExceedIt() {
        EditPacer pacer = pacer(shared(PERMITS, PERIOD));
        List<ClockedChat> chats = new ArrayList<>();
        List<LiveReply> replies = new ArrayList<>();
        int count = 12;
        for (int i = 0; i < count; i++) {
            ClockedChat chat = ClockedChat.in("t" + i, scheduler.clock());
            LiveReply reply = new LiveReply(chat, pacer, scheduler.clock());
            reply.start("🎬 On it…");
            chats.add(chat);
            replies.add(reply);
        }
        scheduler.advance(Duration.ofSeconds(3)); // the backend thinks; nothing to show, the budget fills up

        int updates = 120;
        StringBuilder[] texts = new StringBuilder[count];
        for (int step = 1; step <= updates; step++) {
            for (int i = 0; i < count; i++) {
                if (texts[i] == null) {
                    texts[i] = new StringBuilder("Reply " + i + ":");
                }
                texts[i].append(" chunk").append(step);
                replies.get(i).text(texts[i].toString());
            }
            scheduler.advance(Duration.ofMillis(50));
        }
        List<CompletableFuture<Void>> delivered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delivered.add(replies.get(i).finish("Final answer " + i + ".", List.of()));
        }
        assertTrue(scheduler.advanceUntil(() -> delivered.stream().allMatch(CompletableFuture::isDone),
                Duration.ofMillis(10), Duration.ofMinutes(1)), "every final text lands");

        List<Stamp> paced = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertTrue(delivered.get(i).isDone() && !delivered.get(i).isCompletedExceptionally());
            assertEquals(List.of("Final answer " + i + "."), chats.get(i).shown(), "reply " + i);
            List<ClockedChat.Call> calls = chats.get(i).accepted();
            assertEquals("post", calls.get(0).kind(), "the acknowledgement is posted at once");
            for (ClockedChat.Call c : calls.subList(1, calls.size())) {
                paced.add(new Stamp(c.atNanos(), "t" + i, c));
            }
        }
        paced.sort(Comparator.comparingLong(Stamp::at));

        // The budget: never more than PERMITS paced calls in any one-second window.
        int busiest = busiestWindow(paced.stream().map(Stamp::at).collect(Collectors.toList()), PERIOD);
        assertTrue(busiest <= PERMITS, "busiest window held " + busiest + " calls, budget " + PERMITS);

        // Fairness: every reply gets an edit before any reply gets a second one.
        Set<String> firstRound = paced.subList(0, count).stream().map(Stamp::thread).collect(Collectors.toSet());
        assertEquals(count, firstRound.size(), "the first " + count + " edits went to " + firstRound);
        // ...and none starves later: while text streams, each reply is edited at least every few seconds.
        long streamingEnd = paced.stream().filter(s -> s.call().text().startsWith("Final")).mapToLong(Stamp::at).min().orElseThrow();
        for (int i = 0; i < count; i++) {
            String thread = "t" + i;
            List<Long> times = paced.stream().filter(s -> s.thread().equals(thread) && s.at() < streamingEnd)
                    .map(Stamp::at).collect(Collectors.toList());
            for (int k = 1; k < times.size(); k++) {
                long gap = times.get(k) - times.get(k - 1);
                assertTrue(gap <= Duration.ofSeconds(3).toNanos(), thread + " waited " + gap / 1_000_000 + " ms");
            }
        }

        // Coalescing: 120 updates per reply became a handful of edits.
        long edits = paced.stream().filter(s -> !s.call().text().startsWith("Final")).count();
        assertTrue(edits < count * updates / 10, edits + " edits for " + count * updates + " updates");
    }

    @Test
    void aBurstAfterSilenceStaysWithinEveryWindow() {
        EditPacer pacer = pacer(shared(PERMITS, PERIOD));
        List<Long> times = new ArrayList<>();
        List<FakePaced> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(new FakePaced(new ThreadKey("test", "w", "c" + i, "t" + i), times));
        }
        scheduler.advance(Duration.ofMinutes(1)); // a long quiet spell: the budget is as full as it gets
        all.forEach(p -> pacer.request(p, scheduler.nanoTime()));
        assertTrue(scheduler.advanceUntil(() -> times.size() == 20, Duration.ofMillis(5), Duration.ofSeconds(30)));
        assertTrue(busiestWindow(times, PERIOD) <= PERMITS, "busiest window " + busiestWindow(times, PERIOD));
        assertEquals(20, pacer.dispatched());
        assertEquals(0, pacer.waiting());
    }

    @Test
    void aProcessTakingHalfOfEachBudgetMakesHalfTheCalls() {
        Duration span = Duration.ofSeconds(3);
        for (double share : new double[] {1.0, 0.5}) {
            PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(shared(10, PERIOD)));
            EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock(), () -> share);
            List<Long> times = new ArrayList<>();
            long start = scheduler.nanoTime();
            for (int i = 0; i < 60; i++) {
                pacer.request(new FakePaced(new ThreadKey("test", "w", "c" + i, "t" + i), times), start);
            }
            scheduler.advance(span);
            int limit = (int) (10 * share);
            assertEquals(limit, busiestWindow(times, PERIOD), "share " + share);
            long inSpan = times.stream().filter(t -> t - start < span.toNanos()).count();
            assertTrue(inSpan <= 3 * limit && inSpan >= 2 * limit, inSpan + " calls in 3 s at share " + share);
            scheduler.advance(Duration.ofSeconds(10)); // the rest drains before the next round
        }
    }

    @Test
    void budgetsArePerScope() {
        EditPacer pacer = pacer(perChannel(1, Duration.ofSeconds(5)));
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        FakePaced a1 = new FakePaced(new ThreadKey("test", "w", "A", "a1"), a);
        FakePaced a2 = new FakePaced(new ThreadKey("test", "w", "A", "a2"), a);
        FakePaced b1 = new FakePaced(new ThreadKey("test", "w", "B", "b1"), b);
        long start = scheduler.nanoTime();
        pacer.request(a1, scheduler.nanoTime());
        pacer.request(a2, scheduler.nanoTime());
        pacer.request(b1, scheduler.nanoTime());
        scheduler.runDue();
        assertEquals(List.of(start), a, "one call for channel A now");
        assertEquals(List.of(start), b, "channel B does not wait for A");
        scheduler.advance(Duration.ofMillis(4900));
        assertEquals(1, a.size(), "A's second reply waits for A's budget");
        scheduler.advance(Duration.ofMillis(200));
        assertEquals(2, a.size());
        assertTrue(a.get(1) - a.get(0) >= Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aRateLimitPausesEveryReplyOfTheScope() {
        EditPacer pacer = pacer(perChannel(10, Duration.ofSeconds(1)));
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        ThreadKey inA = new ThreadKey("test", "w", "A", "a1");
        pacer.penalize(inA, Duration.ofSeconds(2));
        long start = scheduler.nanoTime();
        pacer.request(new FakePaced(inA, a), scheduler.nanoTime());
        pacer.request(new FakePaced(new ThreadKey("test", "w", "A", "a2"), a), scheduler.nanoTime());
        pacer.request(new FakePaced(new ThreadKey("test", "w", "B", "b1"), b), scheduler.nanoTime());
        scheduler.runDue();
        assertEquals(1, b.size(), "another channel is not penalized");
        assertEquals(0, a.size());
        assertEquals(2, pacer.waiting());
        scheduler.advance(Duration.ofMillis(1999));
        assertEquals(0, a.size(), "nothing before the platform's retry-after");
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(2, a.size());
        assertTrue(a.get(0) - start >= Duration.ofSeconds(2).toNanos());
    }

    @Test
    void theOldestChangeGoesFirstWhateverTheOrderOfAsking() {
        EditPacer pacer = pacer(shared(1, Duration.ofSeconds(1)));
        List<String> order = new ArrayList<>();
        pacer.spend(new ThreadKey("test", "w", "c", "ack")); // an acknowledgement took the only permit
        long now = scheduler.nanoTime();
        long[] since = {now - 3_000, now - 1_000, now - 4_000, now - 2_000};
        for (int i = 0; i < since.length; i++) {
            FakePaced p = new FakePaced(new ThreadKey("test", "w", "c", "r" + i), new ArrayList<>());
            p.name = "r" + i;
            p.order = order;
            pacer.request(p, since[i]);
        }
        scheduler.runDue();
        assertEquals(List.of(), order, "no permit yet");
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of("r2", "r0", "r3", "r1"), order);
    }

    @Test
    void textThatCameDuringACallWaitsFromWhenItCameNotFromTheTextTheCallShowed() {
        // One edit a second, shared. A's text is older than B's, so A goes first; more text reaches A
        // while that call is on its way, after B's text came. B's older text must go next: A's new text
        // must not take the place of the text its call just showed.
        EditPacer pacer = pacer(shared(10, Duration.ofSeconds(10)));
        ClockedChat a = ClockedChat.in("a", scheduler.clock());
        ClockedChat b = ClockedChat.in("b", scheduler.clock());
        LiveReply replyA = new LiveReply(a, pacer, scheduler.clock());
        LiveReply replyB = new LiveReply(b, pacer, scheduler.clock());
        replyA.start("…");
        replyB.start("…"); // the two posts take the burst
        boolean[] injected = {false};
        a.faults(call -> {
            if (!injected[0] && call.text().equals("A one")) {
                injected[0] = true;
                replyA.text("A one A two"); // arrives while the call is on its way
            }
            return null;
        });
        scheduler.advance(Duration.ofMillis(100));
        replyA.text("A one");
        scheduler.advance(Duration.ofMillis(400));
        replyB.text("B one");
        scheduler.advance(Duration.ofSeconds(5));

        assertTrue(injected[0], "A's first text was edited in");
        long bAt = b.accepted().stream().filter(c -> c.text().equals("B one")).findFirst().orElseThrow().atNanos();
        long aAt = a.accepted().stream().filter(c -> c.text().equals("A one A two")).findFirst().orElseThrow().atNanos();
        long aFirst = a.accepted().stream().filter(c -> c.text().equals("A one")).findFirst().orElseThrow().atNanos();
        assertTrue(aFirst < bAt, "A's older text went first");
        assertTrue(bAt < aAt, "B's text, older than A's second, went before it (B at " + bAt / 1_000_000
                + " ms, A's second at " + aAt / 1_000_000 + " ms)");
    }

    @Test
    void askingAgainWithAnOlderChangeMovesAReplyUpTheLine() {
        EditPacer pacer = pacer(shared(1, Duration.ofSeconds(1)));
        List<String> order = new ArrayList<>();
        pacer.spend(new ThreadKey("test", "w", "c", "ack"));
        long now = scheduler.nanoTime();
        FakePaced progress = new FakePaced(new ThreadKey("test", "w", "c", "progress"), new ArrayList<>());
        progress.name = "progress";
        progress.order = order;
        FakePaced text = new FakePaced(new ThreadKey("test", "w", "c", "text"), new ArrayList<>());
        text.name = "text";
        text.order = order;
        pacer.request(progress, now + Duration.ofMinutes(2).toNanos()); // only a progress line changed
        pacer.request(text, now);
        pacer.request(progress, now - 1); // then text came in for it, older than the other's
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of("progress", "text"), order);
        assertEquals(2, pacer.dispatched(), "asking again while queued was not a second call");
    }

    @Test
    void aCallStillOnItsWayCountsAsJustMadeUntilItReturns() {
        // A slow platform: a call may reach it any time until it returns, so the window counts from there.
        List<Runnable> held = new ArrayList<>();
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(shared(2, PERIOD)));
        EditPacer pacer = new EditPacer(profile, scheduler, held::add, scheduler.clock());
        List<Long> times = new ArrayList<>();
        FakePaced a = new FakePaced(new ThreadKey("test", "w", "c", "a"), times);
        FakePaced b = new FakePaced(new ThreadKey("test", "w", "c", "b"), times);
        FakePaced c = new FakePaced(new ThreadKey("test", "w", "c", "c"), times);
        pacer.request(a, scheduler.nanoTime());
        pacer.request(b, scheduler.nanoTime());
        pacer.request(c, scheduler.nanoTime());
        scheduler.runDue();
        assertEquals(2, held.size(), "two permits handed out");
        scheduler.advance(Duration.ofSeconds(3));
        assertEquals(2, held.size(), "both calls are on their way for 3 s: nothing leaves the window");
        long returned = scheduler.nanoTime();
        held.remove(0).run();
        held.remove(0).run();
        scheduler.advance(Duration.ofMillis(900));
        assertTrue(held.isEmpty(), "the window counts from the return");
        scheduler.advance(Duration.ofMillis(200));
        assertEquals(1, held.size());
        held.remove(0).run();
        assertTrue(times.get(2) - returned >= PERIOD.toNanos(), "third call a whole window after the first two returned");
    }

    @Test
    void repliesWaitingOnASpentBudgetAreNotLookedAtOnEveryCallOfOthers() {
        // A thousand replies wait in one spent workspace while another workspace's replies keep calling:
        // each of those calls ends with a pass, which used to look at every waiting reply (the bot's CPU
        // grew with the square of its live replies). Waiting replies are looked at when they may go.
        EditPacer pacer = pacer(new EditBudget("per workspace", 2, Duration.ofMinutes(1), ThreadKey::workspace));
        List<FakePaced> spent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            FakePaced p = new FakePaced(new ThreadKey("test", "busy", "c", "t" + i), new ArrayList<>());
            spent.add(p);
            pacer.request(p, scheduler.nanoTime());
        }
        scheduler.runDue();
        List<Long> other = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pacer.request(new FakePaced(new ThreadKey("test", "quiet" + i, "c", "q" + i), other), scheduler.nanoTime());
            scheduler.advance(Duration.ofMillis(10));
        }
        assertEquals(200, other.size(), "the other workspaces' replies went at once");
        int most = spent.stream().mapToInt(p -> p.lookedAt).max().orElseThrow();
        assertTrue(most <= 3, "a waiting reply was looked at " + most + " times during 200 calls of others");
        assertEquals(998, pacer.waiting(), "two went with the budget's permits; the rest still wait");
    }

    @Test
    void askingAgainWhileQueuedIsOneCall() {
        EditPacer pacer = pacer(shared(1, Duration.ofSeconds(1)));
        pacer.spend(new ThreadKey("test", "w", "c", "x"));
        List<Long> times = new ArrayList<>();
        FakePaced p = new FakePaced(new ThreadKey("test", "w", "c", "t"), times);
        for (int i = 0; i < 5; i++) {
            pacer.request(p, scheduler.nanoTime());
        }
        pacer.request(p, scheduler.nanoTime());
        assertEquals(1, pacer.waiting());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(1, times.size());
    }

    @Test
    void aRepliesOwnIntervalIsKept() {
        EditPacer pacer = pacer(shared(100, Duration.ofSeconds(1)));
        List<Long> times = new ArrayList<>();
        FakePaced p = new FakePaced(new ThreadKey("test", "w", "c", "t"), times);
        long start = scheduler.nanoTime();
        p.notBefore = start + Duration.ofMillis(700).toNanos();
        pacer.request(p, scheduler.nanoTime());
        scheduler.advance(Duration.ofMillis(699));
        assertEquals(List.of(), times);
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(List.of(start + Duration.ofMillis(700).toNanos()), times);
    }

    /** A hand-written Paced that records when it was let through. */
    private final class FakePaced implements EditPacer.Paced {
        private final ThreadKey thread;
        private final List<Long> times;
        long notBefore = Long.MIN_VALUE / 2;
        int lookedAt;
        String name;
        List<String> order;

        FakePaced(ThreadKey thread, List<Long> times) {
            this.thread = thread;
            this.times = times;
        }

        @Override
        public ThreadKey thread() {
            return thread;
        }

        @Override
        public long notBefore() {
            lookedAt++;
            return notBefore;
        }

        @Override
        public void flush() {
            times.add(scheduler.nanoTime());
            if (order != null) {
                order.add(name);
            }
        }
    }

}
