package io.nemobot.chat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One of a platform's rate limits, shared by every message in a scope: Slack allows about 50
 * {@code chat.update} calls a minute per workspace; Discord about 5 edits per 5 s per channel and 50
 * requests a second per bot. The core keeps to "at most {@code permits} calls in any {@code period}".
 *
 * <p>How the permits are handed out: with {@code burst} 0, evenly (a small token bucket in front of the
 * window, so a busy scope's calls are spread over the period). With {@code burst} a &gt; 0, up to a × G
 * permits may go at once, G being the permits growth may use, and they come back as the window frees room:
 * a quiet scope or a short burst of replies goes at chunk speed, a saturated one settles near the full
 * rate with no stall; the window itself never holds more than G growth calls. {@code finalsReserve} r keeps
 * ⌊r × permits⌋ of every window for final texts: growth (calls that are not a reply's final) never takes
 * them, so a final is never starved by growth.
 *
 * @param name          for logs and reports
 * @param permits       calls allowed per {@code period}
 * @param period        the window
 * @param scope         which bucket a thread's calls draw from (e.g. its workspace, its channel, or one
 *                      bucket for the whole bot)
 * @param uses          which calls draw on it (Discord's per-bot limit counts every request; Slack's
 *                      {@code chat.appendStream} budget only the growth of live streams)
 * @param burst         the share of the growth permits that may go at once (0: spread evenly), in [0, 1)
 * @param finalsReserve the share of each window kept for final texts, in [0, 1)
 * @param inFleetSlots  whether processes sharing the bot also keep it together, call by call: a limit no
 *                      share can divide (Slack's one {@code chat.postMessage} a second per channel: 1/n of
 *                      it is still one a second for each of n processes), so before each call it counts,
 *                      the process reserves the scope's next fleet-wide slot, {@link #interval()} after the
 *                      last one any process reserved, and waits for it. The core's pacer does not count
 *                      it: within a process the platform's adapter keeps it (Slack's own per-method
 *                      limiter), so a single process behaves as if it were not in the profile.
 */
public record EditBudget(String name, int permits, Duration period, Function<ThreadKey, String> scope, Set<CallUse> uses,
        double burst, double finalsReserve, boolean inFleetSlots) {
    /**
     * The scope of a budget each thread has to itself (Discord's edits per channel, a thread being a
     * channel). Such a budget is never divided among a fleet's processes: a thread's turns run in one
     * process at a time, so one process at a time draws on it.
     */
    public static final Function<ThreadKey, String> PER_THREAD = ThreadKey::thread;

    /** A budget every call draws from, posts included. */
    public EditBudget(String name, int permits, Duration period, Function<ThreadKey, String> scope) {
        this(name, permits, period, scope, true);
    }

    /** A budget every edit draws from, and posts too when {@code posts}; spread evenly, no reserve. */
    public EditBudget(String name, int permits, Duration period, Function<ThreadKey, String> scope, boolean posts) {
        this(name, permits, period, scope, posts ? EnumSet.allOf(CallUse.class)
                : EnumSet.of(CallUse.EDIT, CallUse.APPEND, CallUse.CLOSE), 0, 0);
    }

    /** A budget each process keeps within its share alone (not in fleet-wide slots). */
    public EditBudget(String name, int permits, Duration period, Function<ThreadKey, String> scope, Set<CallUse> uses,
            double burst, double finalsReserve) {
        this(name, permits, period, scope, uses, burst, finalsReserve, false);
    }

    public EditBudget {
        Checks.notBlank(name, "name");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1: " + permits);
        }
        Checks.notNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        Checks.notNull(scope, "scope");
        Checks.notNull(uses, "uses");
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("uses may not be empty");
        }
        uses = Set.copyOf(uses);
        if (!(burst >= 0 && burst < 1)) {
            throw new IllegalArgumentException("burst must be in [0, 1): " + burst);
        }
        if (!(finalsReserve >= 0 && finalsReserve < 1)) {
            throw new IllegalArgumentException("finalsReserve must be in [0, 1): " + finalsReserve);
        }
    }

    /** A budget only the given calls draw on, spread evenly, no reserve. */
    public static EditBudget of(String name, int permits, Duration period, Function<ThreadKey, String> scope,
            Set<CallUse> uses) {
        return new EditBudget(name, permits, period, scope, uses, 0, 0);
    }

    /** The same budget handing out permits with a burst allowance and a reserve for finals. */
    public EditBudget rolling(double burstShare, double reserveShare) {
        return new EditBudget(name, permits, period, scope, uses, burstShare, reserveShare, inFleetSlots);
    }

    /** The same budget, kept by the processes of a fleet together in fleet-wide slots ({@link #inFleetSlots()}). */
    public EditBudget keptInFleetSlots() {
        return new EditBudget(name, permits, period, scope, uses, burst, finalsReserve, true);
    }

    /** The fleet-wide slot key of the scope a thread's calls draw from (the budget's name and the scope). */
    public String slotKey(ThreadKey thread) {
        return name + "|" + scope.apply(thread);
    }

    /** Whether new messages draw on it. */
    public boolean posts() {
        return uses.contains(CallUse.POST);
    }

    /** Whether each thread has this budget to itself (scoped by {@link #PER_THREAD}): no fleet share cuts it. */
    public boolean perThread() {
        return scope == PER_THREAD;
    }

    /** Whether calls of this use draw on it. */
    public boolean counts(CallUse use) {
        return uses.contains(use);
    }

    /** The time between two calls when the budget is spread evenly. */
    public Duration interval() {
        return period.dividedBy(permits);
    }
}
