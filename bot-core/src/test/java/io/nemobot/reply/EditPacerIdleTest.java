package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pacer's memory has an end: a thread's rate bucket is released once its window holds no call,
 * never earlier (a new turn must not get more calls into a window than the platform allows).
 */
class EditPacerIdleTest {
    private static final Duration PERIOD = Duration.ofSeconds(1);

    private final ManualScheduler scheduler = new ManualScheduler();

    private EditPacer pacer(int permits) {
        EditBudget perThread = new EditBudget("per thread", permits, PERIOD, ThreadKey::thread);
        PlatformProfile profile = new PlatformProfile("test", 2000, Duration.ofMillis(10), List.of(perThread));
        return new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
    }

    /** A reply that, while {@code streaming}, asks for its next edit as soon as one is made. */
    private final class Streaming implements EditPacer.Paced {
        final ThreadKey thread;
        final List<Long> calls = new ArrayList<>();
        EditPacer pacer;
        boolean streaming = true;

        Streaming(String id) {
            this.thread = new ThreadKey("test", "w", "c", id);
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
            calls.add(scheduler.nanoTime());
            if (streaming) {
                pacer.request(this, scheduler.nanoTime());
            }
        }
    }

    @Test
    void theBucketsOfThreadsThatWentQuietAreReleased() {
        EditPacer pacer = pacer(5);
        List<Streaming> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Streaming reply = new Streaming("t" + i);
            reply.pacer = pacer;
            reply.streaming = false;
            replies.add(reply);
            pacer.request(reply, scheduler.nanoTime());
        }
        scheduler.runDue();
        assertTrue(replies.stream().allMatch(r -> r.calls.size() == 1), "every thread made its call");
        assertEquals(200, pacer.rateBuckets(), "one bucket per thread while its window holds the call");

        scheduler.advance(Duration.ofMillis(900));
        assertEquals(200, pacer.rateBuckets(), "the calls are still in their windows");
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(0, pacer.rateBuckets(), "quiet threads hold nothing");
    }

    @Test
    void aBusyThreadKeepsItsBucketSoItsCallsStayWithinTheLimitAcrossReleases() {
        int permits = 3;
        EditPacer pacer = pacer(permits);
        Streaming reply = new Streaming("busy");
        reply.pacer = pacer;
        Streaming other = new Streaming("quiet");
        other.pacer = pacer;
        other.streaming = false;
        pacer.request(other, scheduler.nanoTime());
        // Releases are looked for once per window from the first bucket on: the busy thread's window
        // starts in the middle of one, so a release that came too early would hand it a fresh bucket.
        scheduler.advance(Duration.ofMillis(700));
        pacer.request(reply, scheduler.nanoTime());
        for (int i = 0; i < 100; i++) {
            scheduler.advance(Duration.ofMillis(50));
        }
        assertEquals(1, pacer.rateBuckets(), "the quiet thread's bucket went, the busy one's stayed");
        assertTrue(reply.calls.size() > 3 * permits, "the reply kept streaming: " + reply.calls.size() + " calls");
        int busiest = EditPacerTest.busiestWindow(reply.calls, PERIOD);
        assertTrue(busiest <= permits, "busiest window held " + busiest + " calls, budget " + permits);

        reply.streaming = false;
        scheduler.advance(Duration.ofSeconds(3));
        assertEquals(0, pacer.rateBuckets());
    }
}
