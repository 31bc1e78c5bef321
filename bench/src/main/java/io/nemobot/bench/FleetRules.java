package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.outbound.SlackTier;
import io.nemobot.slack.outbound.SlackTiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * One fleet process's part of a platform's limits: each budget several threads share (Discord's per-bot
 * requests, Slack's per-workspace and per-channel tiers) is cut to {@code share} of itself, so the
 * processes together stay within the platform's own limit. A per-thread budget stays whole: a thread's
 * turns run one at a time fleet-wide (its lease), so one process at a time draws on it.
 *
 * <p>"P in any T" becomes "floor(P × share) in any T" while that is at least 1, else "1 in any T / share"
 * (rounded up): never more than the share, and never nothing.
 *
 * <p>Only the fixed mode uses this ({@code -Dbench.fleetShare=fixed}, for comparison with the figures measured
 * that way): each node hands its core and its Slack adapter model these fixed 1/n limits and tells the core's
 * builder a share of 1, so after a {@code kill -9} the survivors keep 1/n each. By default the nodes declare
 * the whole limits and the product divides them (the core's {@code FleetShare}: 1 / live processes, re-read
 * at each heartbeat; the adapter model reads the same share), which is what the fleet runs measure.
 */
final class FleetRules {
    private FleetRules() {
    }

    /** The rules a node paces itself by: every shared budget and tier cut to {@code share}. */
    static Rules share(Rules rules, double share) {
        if (share <= 0 || share > 1) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        List<Rules.Budget> budgets = new ArrayList<>();
        for (Rules.Budget b : rules.budgets()) {
            if (perThread(b)) {
                budgets.add(b);
            } else {
                Limit l = cut(b.permits(), b.period(), share);
                budgets.add(new Rules.Budget(b.name(), l.permits(), l.period(), b.posts(), b.scope()));
            }
        }
        SlackTiers tiers = rules.tiers() == null ? null : cut(rules.tiers(), share);
        return new Rules(rules.name(), rules.maxLength(), rules.profileLength(), rules.minEdit(), budgets,
                rules.retryInWholeSeconds(), tiers);
    }

    /** A limit: {@code permits} in any {@code period}. */
    record Limit(int permits, Duration period) {
        Limit {
            if (permits < 1 || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a limit needs at least one permit in a positive period");
            }
        }
    }

    static Limit cut(int permits, Duration period, double share) {
        int part = (int) Math.floor(permits * share + 1e-9);
        if (part >= 1) {
            return new Limit(part, period);
        }
        return new Limit(1, Duration.ofMillis((long) Math.ceil(period.toMillis() / (permits * share))));
    }

    /** Whether two threads of one channel draw on different windows of this budget. */
    private static boolean perThread(Rules.Budget b) {
        String one = b.scope().apply(new ThreadKey("p", "w", "c", "t1"));
        String two = b.scope().apply(new ThreadKey("p", "w", "c", "t2"));
        return !one.equals(two);
    }

    private static final List<String> METHODS = List.of("chat.startStream", "chat.stopStream", "chat.update",
            "chat.appendStream", "chat.postMessage", "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts",
            "files.info", "files.getUploadURLExternal", "files.completeUploadExternal");

    /** Slack's table with every tier cut, written as the adapter's own overrides ({@code SLACK_RATE_LIMITS}). */
    private static SlackTiers cut(SlackTiers tiers, double share) {
        StringJoiner overrides = new StringJoiner(",");
        for (String method : METHODS) {
            SlackTier t = tiers.of(method).orElse(null);
            if (t != null) {
                Limit l = cut(t.permits(), t.period(), share);
                overrides.add(String.format(Locale.ROOT, "%s=%d/%dms%s", method, l.permits(), l.period().toMillis(),
                        t.perChannel() ? "/channel" : ""));
            }
        }
        return SlackTiers.parse(overrides.toString());
    }
}
