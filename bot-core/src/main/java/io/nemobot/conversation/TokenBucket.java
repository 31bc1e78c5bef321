package io.nemobot.conversation;

/**
 * A rate limit of {@code permits} per {@code period}, as permits spaced evenly: one every
 * {@code period / permits}, never a burst. A bucket holding the whole {@code permits} at once would
 * allow a burst and then the steady refill in the same window (up to {@code 2 * permits - 1} calls
 * per period), which platforms counting calls per window answer with "rate limited". Spaced permits
 * keep every window of {@code period} at {@code permits} or fewer. Not thread-safe: the
 * {@link EditPacer} owns its buckets under its own lock. Times are {@code System.nanoTime()} values.
 */
final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long updatedAt;
    private long pausedUntil;

    TokenBucket(int permits, long periodNanos, long now) {
        this.capacity = 1.0;
        this.perNano = permits / (double) periodNanos;
        this.tokens = 1.0;
        this.updatedAt = now;
        this.pausedUntil = now;
    }

    private void refill(long now) {
        if (now - pausedUntil < 0) {
            updatedAt = now;
            return;
        }
        long from = now - updatedAt < 0 ? now : Math.max(updatedAt, pausedUntil);
        tokens = Math.min(capacity, tokens + (now - from) * perNano);
        updatedAt = now;
    }

    boolean available(long now) {
        refill(now);
        return tokens >= 1.0;
    }

    void take(long now) {
        refill(now);
        tokens -= 1.0;
    }

    /** Nanoseconds until a permit is available (0 when one is). */
    long nanosUntilPermit(long now) {
        refill(now);
        long paused = Math.max(0, pausedUntil - now);
        if (tokens >= 1.0) {
            return paused;
        }
        return paused + (long) Math.ceil((1.0 - tokens) / perNano);
    }

    /** The platform said to wait: no permits until then, and the bucket starts empty. */
    void pause(long until, long now) {
        refill(now);
        tokens = Math.min(tokens, 0);
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }
}
