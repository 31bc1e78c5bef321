package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatPlatformException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a reply does after a refusal, on plain values. */
class PlatformRefusalTest {
    private static ChatPlatformException refused(Kind kind) {
        return new ChatPlatformException(kind, "refused");
    }

    @Test
    void aRateLimitIsWaitedOutAndNeverCountsTowardGivingUp() {
        PlatformRefusal r = PlatformRefusal.of(ChatPlatformException.rateLimited(Duration.ofSeconds(7)), false, 5);
        assertEquals(PlatformRefusal.Response.WAIT, r.response());
        assertEquals(Duration.ofSeconds(7).toNanos(), r.waitNanos());
        assertEquals(1, r.failures());
        assertEquals(Duration.ofSeconds(1).toNanos(), PlatformRefusal.of(refused(Kind.RATE_LIMITED), false, 0).waitNanos(),
                "a second when the platform names no wait");
    }

    @Test
    void eachRefusalHasItsAnswer() {
        assertEquals(PlatformRefusal.Response.SPLIT_SHORTER, PlatformRefusal.of(refused(Kind.TOO_LONG), false, 0).response());
        assertEquals(PlatformRefusal.Response.POST_AGAIN, PlatformRefusal.of(refused(Kind.GONE), false, 0).response());
        assertEquals(PlatformRefusal.Response.GIVE_UP, PlatformRefusal.of(refused(Kind.GONE), true, 0).response(), "the thread is gone");
        assertEquals(PlatformRefusal.Response.GIVE_UP, PlatformRefusal.of(refused(Kind.FORBIDDEN), false, 0).response());
    }

    @Test
    void otherFailuresAreRetriedAfterADoublingPauseUntilTooManyInARow() {
        long previous = 0;
        int failures = 0;
        for (int i = 1; i < PlatformRefusal.MAX_FAILURES; i++) {
            PlatformRefusal r = PlatformRefusal.of(refused(Kind.OTHER), false, failures);
            assertEquals(PlatformRefusal.Response.RETRY, r.response());
            assertTrue(r.waitNanos() == 2 * previous || previous == 0, "doubling: " + previous + " then " + r.waitNanos());
            previous = r.waitNanos();
            failures = r.failures();
        }
        assertEquals(PlatformRefusal.Response.GIVE_UP, PlatformRefusal.of(refused(Kind.OTHER), false, failures).response());
        assertEquals(PlatformRefusal.Response.GIVE_UP, PlatformRefusal.of(refused(Kind.TOO_LONG), false, failures).response());
    }
}
