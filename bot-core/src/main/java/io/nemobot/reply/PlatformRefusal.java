package io.nemobot.reply;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.Checks;
import java.time.Duration;

/**
 * What a live reply does after the platform refused a call, decided on plain values: a rate limit is
 * waited out and never counts toward giving up; a too-long text is split shorter; a deleted message is
 * posted again; a refused post or a forbidden thread ends the reply; anything else is retried after a
 * pause that doubles. Too many failures in a row end the reply.
 *
 * @param response what to do
 * @param waitNanos how long to wait before the next call ({@link Response#WAIT}, {@link Response#RETRY})
 * @param failures  failures in a row, this one counted
 */
record PlatformRefusal(Response response, long waitNanos, int failures) {
    /** Failures in a row after which the reply gives up. */
    static final int MAX_FAILURES = 6;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final long FIRST_PAUSE = Duration.ofMillis(250).toNanos();

    /** What to do. */
    enum Response { WAIT, SPLIT_SHORTER, POST_AGAIN, RETRY, GIVE_UP }

    PlatformRefusal {
        Checks.notNull(response, "response");
        if (waitNanos < 0) {
            throw new IllegalArgumentException("waitNanos may not be negative: " + waitNanos);
        }
        if (failures < 0) {
            throw new IllegalArgumentException("failures may not be negative: " + failures);
        }
    }

    /** The response to {@code e}, refusing a post when {@code post}, after {@code failuresBefore} failures in a row. */
    static PlatformRefusal of(ChatPlatformException e, boolean post, int failuresBefore) {
        int failures = failuresBefore + 1;
        ChatPlatformException.Kind kind = e.kind();
        if (kind == ChatPlatformException.Kind.RATE_LIMITED) {
            long wait = e.retryAfter().orElse(DEFAULT_RETRY_AFTER).toNanos();
            return new PlatformRefusal(Response.WAIT, wait, Math.min(failures, 1));
        }
        if (kind == ChatPlatformException.Kind.FORBIDDEN || (kind == ChatPlatformException.Kind.GONE && post)
                || failures >= MAX_FAILURES) {
            return new PlatformRefusal(Response.GIVE_UP, 0, failures);
        }
        return switch (kind) {
            case TOO_LONG -> new PlatformRefusal(Response.SPLIT_SHORTER, 0, failures);
            case GONE -> new PlatformRefusal(Response.POST_AGAIN, 0, failures);
            default -> new PlatformRefusal(Response.RETRY, FIRST_PAUSE << Math.min(failures, 6), failures);
        };
    }
}
