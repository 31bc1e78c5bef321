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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Many replies parked on one spent budget: when a permit frees, the pacer looks at the reply first in
 * line for it, not at every parked reply (a thousand live replies each looked at on every permit cost
 * the bot most of its CPU). Fairness stays: every reply still gets its share, oldest change first.
 */
class ParkedRepliesTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private final ManualScheduler scheduler = new ManualScheduler();

    /** Discord's shape: 5 edits per 5 s per thread, 50 calls a second for the whole bot. */
    private EditPacer discordLike() {
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(
                new EditBudget("edits per channel", 5, FIVE_SECONDS, EditBudget.PER_THREAD, false),
                new EditBudget("per bot", 50, SECOND, key -> "bot")));
        return new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
    }

    @Test
    void aFreedPermitWakesTheReplyFirstInLineNotEveryParkedOne() {
        EditPacer pacer = discordLike();
        int replies = 600; // far more than the bot budget lets through in a second: most wait on it
        List<Streaming> all = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            Streaming s = new Streaming(pacer, "t" + i);
            all.add(s);
            pacer.request(s, scheduler.nanoTime());
        }
        scheduler.advance(Duration.ofSeconds(5)); // every reply has asked and waits its turn
        long looksBefore = pacer.looks();
        long dispatchedBefore = pacer.dispatched();
        scheduler.advance(Duration.ofSeconds(25));

        long dispatched = pacer.dispatched() - dispatchedBefore;
        long looks = pacer.looks() - looksBefore;
        assertTrue(dispatched >= 50 * 24, "the bot budget is used: " + dispatched + " calls in 25 s");
        double perPermit = looks / (double) dispatched;
        assertTrue(perPermit <= 3, "looks per granted permit: " + perPermit + " (" + looks + " looks for "
                + dispatched + " calls, " + replies + " replies waiting)");

        // Fair: in 30 s at 50 a second, every reply gets about 1500 / 600 calls; none gets twice another's share.
        int least = all.stream().mapToInt(s -> s.calls.size()).min().orElseThrow();
        int most = all.stream().mapToInt(s -> s.calls.size()).max().orElseThrow();
        assertTrue(least >= 2 && most <= least + 1, "calls per reply between " + least + " and " + most);
        assertTrue(EditPacerTest.busiestWindow(allCalls(all), SECOND) <= 50, "the bot budget holds");
    }

    @Test
    void oldestChangeGoesFirstAmongRepliesWaitingOnTheSameBudget() {
        EditPacer pacer = discordLike();
        long start = scheduler.nanoTime();
        List<Streaming> all = new ArrayList<>();
        // 5 replies use the bot budget's burst; 20 more ask later with older and older changes.
        for (int i = 0; i < 5; i++) {
            Streaming s = new Streaming(pacer, "busy" + i);
            s.stopAfter = 1;
            all.add(s);
            pacer.request(s, start);
        }
        scheduler.advance(Duration.ofMillis(10));
        assertEquals(5, pacer.dispatched(), "the budget's burst went at once");
        Map<Streaming, Integer> ageRank = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Streaming s = new Streaming(pacer, "late" + i);
            s.stopAfter = 1;
            ageRank.put(s, i);
            pacer.request(s, start + Duration.ofMillis(1000 - i).toNanos()); // the later asked, the older its change
        }
        scheduler.advance(Duration.ofSeconds(2));
        List<Streaming> order = new ArrayList<>(ageRank.keySet());
        order.sort((a, b) -> Long.compare(a.calls.get(0), b.calls.get(0)));
        for (int k = 0; k < order.size(); k++) {
            assertEquals(19 - k, ageRank.get(order.get(k)), "call " + k + " went to the reply with the oldest change left");
        }
    }

    @Test
    void aPermitGivenBackWakesTheNextReplyAtOnce() {
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(
                new EditBudget("edits", 2, Duration.ofSeconds(10), key -> "bot", false)));
        EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
        long start = scheduler.nanoTime();
        Streaming posts = new Streaming(pacer, "posts");
        posts.stopAfter = 1;
        posts.postsInstead = true;
        Streaming first = new Streaming(pacer, "first");
        first.stopAfter = 1;
        Streaming waiting = new Streaming(pacer, "waiting");
        waiting.stopAfter = 1;
        pacer.request(first, start);
        pacer.request(posts, start + 1);
        pacer.request(waiting, start + 2);
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(1, first.calls.size());
        assertEquals(1, posts.calls.size(), "the reply that posts instead made its call");
        assertEquals(1, waiting.calls.size(), "the edit permit the post gave back went to the waiting reply at once");
    }

    @Test
    void aWaitingFinalIsNotHeldBehindOlderGrowthWaitingOnTheSameBudget() {
        // 10 per 10 s, half kept for finals: growth may fill the window up to 5, a final up to 10.
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(
                new EditBudget("edits", 10, Duration.ofSeconds(10), key -> "bot", Set.of(CallUse.EDIT), 0.8, 0.5)));
        EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
        long start = scheduler.nanoTime();
        for (int i = 0; i < 4; i++) {
            pacer.request(once(pacer, "grown" + i, false), start);
        }
        scheduler.advance(SECOND);
        for (int i = 0; i < 6; i++) {
            pacer.request(once(pacer, "final" + i, true), start);
        }
        scheduler.advance(Duration.ofMillis(10));
        assertEquals(10, pacer.dispatched(), "4 growth calls (the burst), then 6 finals fill the window");
        List<Streaming> growth = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Streaming s = once(pacer, "waiting" + i, false);
            growth.add(s);
            pacer.request(s, scheduler.nanoTime());
        }
        scheduler.advance(SECOND);
        Streaming last = once(pacer, "late final", true);
        pacer.request(last, scheduler.nanoTime()); // its change is the newest of all

        // The growth calls leave the window at ~10.1 s: room for a final, not yet for growth (the finals still count).
        scheduler.advance(Duration.ofMillis(10_200).minus(Duration.ofSeconds(2)).minusMillis(10));
        assertEquals(1, last.calls.size(), "the final went as soon as the window had room for it");
        assertTrue(growth.stream().allMatch(s -> s.calls.isEmpty()), "growth still waits for its own room");
        scheduler.advance(Duration.ofSeconds(5)); // the finals leave at ~11.1 s; growth's tokens refill after
        assertEquals(1, growth.get(0).calls.size(), "growth goes again, first asked first");
        long first = growth.get(0).calls.get(0);
        assertTrue(growth.stream().allMatch(s -> s.calls.isEmpty() || s.calls.get(0) >= first), "in order of asking");
    }

    private Streaming once(EditPacer pacer, String id, boolean finalCall) {
        Streaming s = new Streaming(pacer, id);
        s.stopAfter = 1;
        s.finalCall = finalCall;
        return s;
    }

    private static List<Long> allCalls(List<Streaming> all) {
        List<Long> times = new ArrayList<>();
        all.forEach(s -> times.addAll(s.calls));
        return times;
    }

    /** A reply with new text arriving all the time: it asks again as soon as its call returns. */
    private final class Streaming implements EditPacer.Paced {
        final ThreadKey thread;
        final EditPacer pacer;
        final List<Long> calls = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;
        boolean postsInstead;
        boolean finalCall;
        long last = Long.MIN_VALUE / 2;

        Streaming(EditPacer pacer, String id) {
            this.pacer = pacer;
            this.thread = new ThreadKey("test", "guild", id, id);
        }

        @Override
        public ThreadKey thread() {
            return thread;
        }

        @Override
        public long notBefore() {
            return last + Duration.ofMillis(100).toNanos();
        }

        @Override
        public boolean finalCall() {
            return finalCall;
        }

        @Override
        public void flush() {
            long now = scheduler.nanoTime();
            if (postsInstead) {
                pacer.postingInstead(this);
            }
            pacer.sending(this);
            calls.add(now);
            last = now;
            if (calls.size() < stopAfter) {
                pacer.request(this, now);
            }
        }
    }
}
