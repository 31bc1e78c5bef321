package io.nemobot.chat;

import java.time.Duration;
import java.util.function.Function;

/**
 * One of a platform's rate limits on edits, shared by every message in a scope: Slack allows about
 * 50 {@code chat.update} calls a minute per workspace; Discord about 5 edits per 5 s per channel and
 * 50 requests a second per bot.
 *
 * @param name    for logs and reports
 * @param permits calls allowed per {@code period}
 * @param period  the window
 * @param scope   which bucket a thread's edits draw from (e.g. its workspace, its channel, or one
 *                bucket for the whole bot)
 * @param posts   whether new messages draw from it too (Discord's per-bot limit counts every request;
 *                Slack's chat.update budget and Discord's per-channel edit bucket count edits only)
 */
public record EditBudget(String name, int permits, Duration period, Function<ThreadKey, String> scope, boolean posts) {
    /** A budget every call draws from, posts included. */
    public EditBudget(String name, int permits, Duration period, Function<ThreadKey, String> scope) {
        this(name, permits, period, scope, true);
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
    }

    /** The time between two calls when the budget is spread evenly. */
    public Duration interval() {
        return period.dividedBy(permits);
    }
}
