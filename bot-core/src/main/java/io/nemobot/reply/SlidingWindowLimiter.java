package io.nemobot.reply;

/**
 * A platform rate limit ("P calls per period T") as the pacer keeps it: a sliding window over the P
 * latest calls, with a small token bucket in front that spaces the calls out. Platforms count such limits
 * in windows (Discord's buckets reset a fixed time after the first call; Slack counts per minute),
 * so a bucket that starts full and refills continuously sends up to 2P in one window and gets
 * refused: the first P go in a burst, then refills keep coming before the window has passed. Here a
 * permit needs both a token from a small bucket (bursts of 2, or P/10 when more, refilled at P per T) and
 * the P-th latest call to lie a whole window back, the window being T plus 1% for clock drift.
 * A call counts from when it returned ({@link #returned}): the platform counts it when it receives it,
 * which may be any time until then; while it is on its way it counts as just made.
 * Not thread-safe: the {@link EditPacer} owns its buckets under its own lock. Times are
 * {@code nanoTime} values of the pacer's clock.
 */
final class SlidingWindowLimiter {
    private static final double MARGIN = 0.01;

    private final long window;
    private final long[] granted;
    /** Whether the call of each logged permit is still on its way (then it counts as made now). */
    private final boolean[] inFlight;
    private final double capacity;
    private final double perNano;
    private int count;
    private double tokens;
    private long updatedAt;
    private long pausedUntil;

    SlidingWindowLimiter(int permits, long periodNanos, long now) {
        this.window = periodNanos + (long) (periodNanos * MARGIN);
        this.granted = new long[permits];
        this.inFlight = new boolean[permits];
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

    /** Takes a permit for a call made at once and not tracked further. */
    void take(long now) {
        take(now, false);
    }

    /** Takes a permit; {@code tracked}: its call counts as being made until {@link #returned}. */
    void take(long now, boolean tracked) {
        refill(now);
        tokens -= 1.0;
        int at = count < granted.length ? count++ : oldestIndex(); // the log keeps the latest P calls
        if (at < 0) {
            at = 0; // over the budget on purpose (a call that had to go): forget the earliest stamp
        }
        granted[at] = now;
        inFlight[at] = tracked;
    }

    /** Nanoseconds until a permit is available (0 when one is). */
    long nanosUntilPermit(long now) {
        refill(now);
        long wait = Math.max(0, pausedUntil - now);
        if (tokens < 1.0) {
            wait = Math.max(wait, (long) Math.ceil((1.0 - tokens) / perNano));
        }
        if (count == granted.length) {
            int oldest = oldestIndex();
            // Every logged call still on its way: none leaves the window before one returns.
            wait = Math.max(wait, oldest < 0 ? window : granted[oldest] + window - now);
        }
        return wait;
    }

    /** A permit granted at {@code grantedAt} is used now: the window counts the call from now. */
    void sent(long grantedAt, long now) {
        restamp(grantedAt, now, true);
    }

    /** The call of a permit stamped {@code stampedAt} has returned: it counts from now, and no longer as on its way. */
    void returned(long stampedAt, long now) {
        restamp(stampedAt, now, false);
    }

    /** The permit stamped {@code stampedAt} was not used after all: it leaves the log and its token returns. */
    void refund(long stampedAt) {
        for (int i = 0; i < count; i++) {
            if (granted[i] == stampedAt && inFlight[i]) {
                count--;
                granted[i] = granted[count];
                inFlight[i] = inFlight[count];
                tokens = Math.min(capacity, tokens + 1.0);
                return;
            }
        }
    }

    private void restamp(long from, long now, boolean stillOnItsWay) {
        for (int i = 0; i < count; i++) {
            if (granted[i] == from && inFlight[i]) {
                granted[i] = now;
                inFlight[i] = stillOnItsWay && inFlight[i];
                return;
            }
        }
    }

    /** The oldest logged call that has returned (-1 when every one is on its way). */
    private int oldestIndex() {
        int at = -1;
        for (int i = 0; i < count; i++) {
            if (!inFlight[i] && (at < 0 || granted[i] - granted[at] < 0)) {
                at = i;
            }
        }
        return at;
    }

    /**
     * Whether this limiter holds nothing a new one would not: no call on its way, every logged call a
     * whole window back, no pause in force (a full window refills the token bucket too). Only then may
     * it be dropped: dropping it earlier would let a new one grant calls the platform still counts.
     */
    boolean idle(long now) {
        if (pausedUntil - now > 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (inFlight[i] || granted[i] + window - now > 0) {
                return false;
            }
        }
        return true;
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
