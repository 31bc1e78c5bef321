package io.nemobot.bench;

import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.outbound.SlackChatPlatform;
import io.nemobot.slack.outbound.SlackTier;
import io.nemobot.slack.outbound.SlackTiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A chat platform's limits as the benchmark enforces them, and the profile the core is given for
 * it: the same numbers the adapters declare (SlackChatPlatform, DiscordPlatform).
 *
 * @param name          platform name
 * @param maxLength     longest message the platform accepts
 * @param profileLength the length the core is told (the Slack adapter leaves room below 4,000)
 * @param minEdit       least time between two calls on one message
 * @param budgets       shared limits
 * @param retryInWholeSeconds whether the platform's retry-after is whole seconds (Slack's header is)
 * @param tiers         Slack's per-method limits (the adapter's own table), enforced instead of
 *                      {@code budgets} and the per-message interval; null elsewhere. The core is still
 *                      told {@code budgets}: what the adapter declares to it.
 */
public record Rules(String name, int maxLength, int profileLength, Duration minEdit, List<Budget> budgets,
        boolean retryInWholeSeconds, SlackTiers tiers) {

    /**
     * One shared limit: at most {@code permits} calls in any {@code period} (a rolling window: the
     * strictest reading of "N per period", so a client that passes it passes fixed windows and token
     * buckets of the same numbers too).
     *
     * @param posts whether new messages count too (Discord's per-bot limit counts every request;
     *              Slack's chat.update budget counts only updates)
     */
    public record Budget(String name, int permits, Duration period, boolean posts, Function<ThreadKey, String> scope) {
        /** Calls per second. */
        public double rate() {
            return permits / (period.toNanos() / 1e9);
        }
    }

    /** Discord: 2,000 characters; 5 edits per 5 s per channel (a thread is a channel); 50 requests a second per bot. */
    public static Rules discord() {
        return new Rules("discord", 2000, 2000, Duration.ofSeconds(1), List.of(
                new Budget("discord edits per channel", 5, Duration.ofSeconds(5), false, EditBudget.PER_THREAD),
                new Budget("discord requests per bot", 50, Duration.ofSeconds(1), true, k -> "bot")), false, null);
    }

    /**
     * Slack with native streams, as the adapter runs it: 4,000 characters (the adapter splits at 3,900);
     * every Web API method limited by its tier, counted per workspace ({@code chat.postMessage} per
     * channel), from the adapter's own table ({@link SlackTiers#slack()}). The core is told what
     * SlackChatPlatform declares ({@link SlackChatPlatform#profile}): each call on its method's budget per
     * workspace, append-only (progress goes to the status line). {@code budgets} names the one growth
     * draws on (for the fair share reported).
     */
    public static Rules slack() {
        SlackTiers tiers = SlackTiers.slack();
        SlackTier append = tiers.of("chat.appendStream").orElseThrow();
        return new Rules("slack", 4000, SlackChatPlatform.MAX_MESSAGE_LENGTH, SlackChatPlatform.MIN_EDIT_INTERVAL, List.of(
                new Budget("slack " + append.method(), append.permits(), append.period(), false, ThreadKey::workspace)),
                true, tiers);
    }

    /** The scope a Slack method's window counts in: the workspace, or the channel for per-channel tiers. */
    public String scope(String method, ThreadKey key) {
        SlackTier tier = tiers.of(method).orElseThrow();
        return method + "|" + key.workspace() + (tier.perChannel() ? "|" + key.channel() : "");
    }

    /** What the core is told: exactly these budgets (which of them posts draw on included). */
    public PlatformProfile profile() {
        if (tiers != null) {
            return SlackChatPlatform.profile(tiers, true);
        }
        List<EditBudget> list = new ArrayList<>();
        for (Budget b : budgets) {
            list.add(new EditBudget(b.name(), b.permits(), b.period(), b.scope(), b.posts()));
        }
        return new PlatformProfile(name, profileLength, minEdit, list, tiers != null);
    }

    /** No pacing at all: every chunk may become an edit (the "one edit per chunk" comparison). */
    public PlatformProfile unpacedProfile() {
        return new PlatformProfile(name, profileLength, Duration.ZERO, List.of(), tiers != null);
    }

    /**
     * The ideal lag: with {@code n} conversations drawing on a budget of {@code R} calls a second, each
     * gets an edit every {@code n / R} seconds at best, and never more often than the per-message
     * interval; the tightest budget decides.
     *
     * @param sharing how many conversations share each budget's busiest scope
     */
    public double fairShareSeconds(ToIntFunction<Budget> sharing) {
        double interval = minEdit.toNanos() / 1e9;
        for (Budget b : budgets) {
            interval = Math.max(interval, sharing.applyAsInt(b) / b.rate());
        }
        return interval;
    }
}
