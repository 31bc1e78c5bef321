package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatPlatformException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a reply does after a refusal, on plain values. */
class RefusalTest {
    private static ChatPlatformException refused(Kind kind) {
        return new ChatPlatformException(kind, "refused");
    }

    @Test
    void aRateLimitIsWaitedOutAndNeverCountsTowardGivingUp() {
        Refusal r = Refusal.of(ChatPlatformException.rateLimited(Duration.ofSeconds(7)), false, 5);
        assertEquals(Refusal.Response.WAIT, r.response());
        assertEquals(Duration.ofSeconds(7).toNanos(), r.waitNanos());
        assertEquals(1, r.failures());
        assertEquals(Duration.ofSeconds(1).toNanos(), Refusal.of(refused(Kind.RATE_LIMITED), false, 0).waitNanos(),
                "a second when the platform names no wait");
    }

    @Test
    void eachRefusalHasItsAnswer() {
        assertEquals(Refusal.Response.SPLIT_SHORTER, Refusal.of(refused(Kind.TOO_LONG), false, 0).response());
        assertEquals(Refusal.Response.POST_AGAIN, Refusal.of(refused(Kind.GONE), false, 0).response());
        assertEquals(Refusal.Response.GIVE_UP, Refusal.of(refused(Kind.GONE), true, 0).response(), "the thread is gone");
        assertEquals(Refusal.Response.GIVE_UP, Refusal.of(refused(Kind.FORBIDDEN), false, 0).response());
    }

    @Test
    void otherFailuresAreRetriedAfterADoublingPauseUntilTooManyInARow() {
        long previous = 0;
        int failures = 0;
        for (int i = 1; i < Refusal.MAX_FAILURES; i++) {
            Refusal r = Refusal.of(refused(Kind.OTHER), false, failures);
            assertEquals(Refusal.Response.RETRY, r.response());
            assertTrue(r.waitNanos() == 2 * previous || previous == 0, "doubling: " + previous + " then " + r.waitNanos());
            previous = r.waitNanos();
            failures = r.failures();
        }
        assertEquals(Refusal.Response.GIVE_UP, Refusal.of(refused(Kind.OTHER), false, failures).response());
        assertEquals(Refusal.Response.GIVE_UP, Refusal.of(refused(Kind.TOO_LONG), false, failures).response());
    }
}
