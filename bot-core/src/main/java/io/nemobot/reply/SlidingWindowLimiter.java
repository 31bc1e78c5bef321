package io.nemobot.reply;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * A platform rate limit ("P calls per period T") as the pacer keeps it: a sliding window over the latest
 * calls, with a token bucket in front that decides how fast the window may fill. Platforms count such
 * limits in windows (Discord's buckets reset a fixed time after the first call; Slack counts per minute),
 * so a bucket that starts full and refills at P per T would send up to 2P in one window and get refused;
 * here a permit needs a token and room in the window, the window being T plus 1% for clock drift.
 * <ul>
 * <li>Evenly ({@code burst} 0): bursts of 2, or P/10 when more, refilled at P per T: a busy scope's calls
 * are spread over the period.</li>
 * <li>With a burst allowance a: up to a × (G − C) tokens, C being the calls in the window now, refilled at
 * (G − C) / R, R being the time until the window's oldest call leaves it: what room is left is spread
 * over the time until more room comes. A quiet scope goes at chunk speed until its window fills; a
 * saturated one settles at the full rate, evenly, with no stall once the window is full (a bucket of
 * fixed size refilled at G per T would burst, fill the window, then stop for the rest of it).</li>
 * <li>A reserve r for finals: growth may fill the window up to G = P − ⌊r × P⌋ only; a reply's final
 * call may use all P and, with a burst allowance, takes no token, so growth never starves it.</li>
 * </ul>
 * P is the budget's permits times the share this process may use ({@code share}, read at every check:
 * a fleet of n processes each takes 1/n), at least 1. A call counts from when it returned
 * ({@link #returned}): the platform counts it when it receives it, which may be any time until then;
 * while it is on its way it counts as just made. Not thread-safe: the {@link EditPacer} owns its buckets
 * under its own lock. Times are {@code nanoTime} values of the pacer's clock.
 */
final class SlidingWindowLimiter {
    private static final double MARGIN = 0.01;

    private final int permits;
    private final long window;
    private final double burst;
    private final double reserve;
    private final DoubleSupplier share;
    private final long[] granted;
    /** Whether the call of each logged permit is still on its way (then it counts as made now). */
    private final boolean[] inFlight;
    /** Whether each logged permit took a token (a final's does not when the budget has a burst allowance). */
    private final boolean[] tokenTaken;
    private final long[] scratch;
    private int count;
    private double tokens;
    private long updatedAt;
    private long pausedUntil;
    /** The last answer of {@link #nanosUntilPermit}, valid while nothing changed at the same time. */
    private long memoAt;
    private int memoKind = -1;
    private long memoWait;

    SlidingWindowLimiter(int permits, long periodNanos, long now) {
        this(permits, periodNanos, 0, 0, () -> 1.0, now);
    }

    SlidingWindowLimiter(int permits, long periodNanos, double burst, double reserve, DoubleSupplier share, long now) {
        this.permits = permits;
        this.window = periodNanos + (long) (periodNanos * MARGIN);
        this.burst = burst;
        this.reserve = reserve;
        this.share = share;
        this.granted = new long[permits];
        this.inFlight = new boolean[permits];
        this.tokenTaken = new boolean[permits];
        this.scratch = new long[permits];
        this.tokens = burst > 0 ? burst * growthLimit(limit()) : capacity(growthLimit(limit()), now);
        this.updatedAt = now;
        this.pausedUntil = now;
    }

    /** P: the permits this process may use now. */
    int limit() {
        double s = share.getAsDouble();
        if (!(s > 0)) {
            return 1;
        }
        return (int) Math.max(1, Math.min(permits, Math.floor(permits * Math.min(1.0, s) + 1e-9)));
    }

    private int growthLimit(int limit) {
        return Math.max(1, limit - (int) Math.floor(limit * reserve));
    }

    private double capacity(int growth, long now) {
        if (burst == 0) {
            return Math.max(2, growth / 10);
        }
        int free = growth - inWindow(now);
        return free <= 0 ? 0 : Math.max(1, burst * free);
    }

    /** Tokens per nanosecond now: evenly P per T, or with a burst allowance the free room over the time until more frees. */
    private double perNano(int growth, long now) {
        if (burst == 0) {
            return growth / (double) window;
        }
        return Math.max(0, growth - inWindow(now)) / (double) nextExpiry(now);
    }

    /** Whether a call of this kind takes a token: a final does not when the budget has a burst allowance. */
    private boolean usesTokens(boolean finalCall) {
        return !finalCall || burst == 0;
    }

    private void refill(long now, int growth) {
        double capacity = capacity(growth, now);
        if (now - pausedUntil < 0) {
            updatedAt = now;
            tokens = Math.min(tokens, capacity);
            return;
        }
        long from = now - updatedAt < 0 ? now : Math.max(updatedAt, pausedUntil);
        tokens = Math.min(capacity, tokens + (now - from) * perNano(growth, now));
        updatedAt = now;
    }

    boolean available(long now) {
        return nanosUntilPermit(now) == 0;
    }

    /** Takes a permit for a call made at once and not tracked further. */
    void take(long now) {
        take(now, false, false);
    }

    /** Takes a permit for growth; {@code tracked}: its call counts as being made until {@link #returned}. */
    void take(long now, boolean tracked) {
        take(now, tracked, false);
    }

    /** Takes a permit; {@code finalCall}: a reply's final text, which may use the reserve. */
    void take(long now, boolean tracked, boolean finalCall) {
        memoKind = -1;
        refill(now, growthLimit(limit()));
        boolean token = usesTokens(finalCall);
        if (token) {
            tokens -= 1.0;
        }
        int at = count < granted.length ? count++ : oldestIndex(); // the log keeps the latest P calls
        if (at < 0) {
            at = 0; // over the budget on purpose (a call that had to go): forget the earliest stamp
        }
        granted[at] = now;
        inFlight[at] = tracked;
        tokenTaken[at] = token;
    }

    /** Nanoseconds until a permit for growth is available (0 when one is). */
    long nanosUntilPermit(long now) {
        return nanosUntilPermit(now, false);
    }

    /** Nanoseconds until a permit is available (0 when one is); {@code finalCall}: a reply's final text. */
    long nanosUntilPermit(long now, boolean finalCall) {
        int kind = finalCall ? 1 : 0;
        if (memoKind == kind && memoAt == now) {
            return memoWait;
        }
        int limit = limit();
        int growth = growthLimit(limit);
        refill(now, growth);
        long wait = Math.max(0, pausedUntil - now);
        if (usesTokens(finalCall) && tokens < 1.0) {
            double rate = perNano(growth, now);
            long tokenWait = rate > 0 ? (long) Math.ceil((1.0 - tokens) / rate) : Long.MAX_VALUE;
            if (burst > 0) {
                tokenWait = Math.min(tokenWait, nextExpiry(now)); // the room grows as calls leave the window
            }
            wait = Math.max(wait, tokenWait);
        }
        wait = Math.max(wait, windowWait(now, finalCall ? limit : growth));
        memoAt = now;
        memoKind = kind;
        memoWait = wait;
        return wait;
    }

    /** Calls in the window now (those on their way included). */
    private int inWindow(long now) {
        int in = 0;
        for (int i = 0; i < count; i++) {
            if (inFlight[i] || granted[i] + window - now > 0) {
                in++;
            }
        }
        return in;
    }

    /** How long until the next call leaves the window (a window from now when none will sooner). */
    private long nextExpiry(long now) {
        long least = window;
        for (int i = 0; i < count; i++) {
            long left = granted[i] + window - now;
            if (!inFlight[i] && left > 0) {
                least = Math.min(least, left);
            }
        }
        return Math.max(1, least);
    }

    /** How long until the window holds fewer than {@code most} calls. */
    private long windowWait(long now, int most) {
        int in = 0;
        for (int i = 0; i < count; i++) {
            if (inFlight[i]) {
                scratch[in++] = now; // on its way: leaves no earlier than a window from now
            } else if (granted[i] + window - now > 0) {
                scratch[in++] = granted[i];
            }
        }
        if (in < most) {
            return 0;
        }
        // The call that must leave for one more to fit: the (in - most + 1)-th oldest in the window.
        Arrays.sort(scratch, 0, in);
        long leaves = scratch[in - most] + window - now;
        return Math.max(leaves, 1);
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
        memoKind = -1;
        for (int i = 0; i < count; i++) {
            if (granted[i] == stampedAt && inFlight[i]) {
                boolean token = tokenTaken[i];
                count--;
                granted[i] = granted[count];
                inFlight[i] = inFlight[count];
                tokenTaken[i] = tokenTaken[count];
                if (token) {
                    tokens = Math.min(capacity(growthLimit(limit()), updatedAt), tokens + 1.0);
                }
                return;
            }
        }
    }

    private void restamp(long from, long now, boolean stillOnItsWay) {
        memoKind = -1;
        for (int i = 0; i < count; i++) {
            if (granted[i] == from && inFlight[i]) {
                granted[i] = now;
                inFlight[i] = stillOnItsWay;
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
     * whole window back, no pause in force. Only then may it be dropped: dropping it earlier would let a
     * new one grant calls the platform still counts (a new one starts with a full bucket, which with an
     * empty window never passes the limit).
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
        memoKind = -1;
        refill(now, growthLimit(limit()));
        tokens = Math.min(tokens, 0);
        if (until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }
}
