package io.nemobot.conversation;

/**
 * A platform rate limit ("P calls per period T") as the pacer keeps it. Platforms count such limits
 * in windows (Discord's buckets reset a fixed time after the first call; Slack counts per minute),
 * so a bucket that starts full and refills continuously sends up to 2P in one window and gets
 * refused: the first P go in a burst, then refills keep coming before the window has passed. Here a
 * permit needs both a token from a small bucket (bursts of 2, or P/10 when more, refilled at P per T) and
 * the P-th latest call to lie a whole window back, the window being T plus 2% for network jitter.
 * Calls count from when they are made ({@link #sent}), not from when they were allowed.
 * Not thread-safe: the {@link EditPacer} owns its buckets under its own lock. Times are
 * {@code System.nanoTime()} values.
 */
final class TokenBucket {
    private static final double MARGIN = 0.02;

    private final long window;
    private final long[] granted;
    private final double capacity;
    private final double perNano;
    private int count;
    private double tokens;
    private long updatedAt;
    private long pausedUntil;

    TokenBucket(int permits, long periodNanos, long now) {
        this.window = periodNanos + (long) (periodNanos * MARGIN);
        this.granted = new long[permits];
        this.capacity = Math.max(2, permits / 10);
        this.perNano = permits / (double) window;
        this.tokens = capacity;
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
        return nanosUntilPermit(now) == 0;
    }

    void take(long now) {
        refill(now);
        tokens -= 1.0;
        if (count < granted.length) {
            granted[count++] = now;
        } else {
            granted[oldestIndex()] = now; // the log keeps the latest P calls
        }
    }

    /** Nanoseconds until a permit is available (0 when one is). */
    long nanosUntilPermit(long now) {
        refill(now);
        long wait = Math.max(0, pausedUntil - now);
        if (tokens < 1.0) {
            wait = Math.max(wait, (long) Math.ceil((1.0 - tokens) / perNano));
        }
        if (count == granted.length) {
            wait = Math.max(wait, oldest() + window - now);
        }
        return wait;
    }

    /** A permit granted at {@code grantedAt} is used now: the window counts the call from now. */
    void sent(long grantedAt, long now) {
        for (int i = 0; i < count; i++) {
            if (granted[i] == grantedAt) {
                granted[i] = now;
                return;
            }
        }
    }

    private long oldest() {
        return granted[oldestIndex()];
    }

    private int oldestIndex() {
        int at = 0;
        for (int i = 1; i < count; i++) {
            if (granted[i] - granted[at] < 0) {
                at = i;
            }
        }
        return at;
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
