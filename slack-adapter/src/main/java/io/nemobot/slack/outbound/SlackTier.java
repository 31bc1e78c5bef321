package io.nemobot.slack.outbound;

import io.nemobot.chat.Checks;
import java.time.Duration;

/**
 * One Web API method's rate limit: at most {@code permits} calls in any {@code period}, counted per
 * workspace (Slack: "per method, per workspace, per app") or, for {@code chat.postMessage}, per channel.
 *
 * @param method     the Web API method, e.g. {@code chat.update}
 * @param permits    calls allowed in any window of {@code period}
 * @param period     the rolling window
 * @param perChannel whether the limit counts per channel rather than per workspace
 */
public record SlackTier(String method, int permits, Duration period, boolean perChannel) {
    public SlackTier {
        Checks.notBlank(method, "method");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1: " + permits);
        }
        Checks.notNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
    }

    /** A limit counted per workspace. */
    static SlackTier perWorkspace(String method, int permits, Duration period) {
        return new SlackTier(method, permits, period, false);
    }
}
