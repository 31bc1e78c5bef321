package io.nemobot.slack.outbound;

import io.nemobot.chat.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of the Web API limits this bot keeps to, by method. Slack publishes them as tiers,
 * counted per method, per workspace, per app: Tier 2 (20 a minute) for {@code chat.startStream} and
 * {@code chat.stopStream}, Tier 3 (50) for {@code chat.update} and {@code assistant.threads.setStatus},
 * Tier 4 (100) for {@code chat.appendStream} and the {@code files.*} calls; {@code chat.postMessage} has its
 * own limit of about one message a second per channel. An Enterprise grid or a future Slack may differ,
 * so {@link #parse} lays overrides over the table ({@code SLACK_RATE_LIMITS}).
 */
public final class SlackTiers {
    /** The settings variable with overrides, e.g. {@code chat.update=40/60s,chat.postMessage=1/1s/channel}. */
    public static final String SETTING = "SLACK_RATE_LIMITS";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Map<String, SlackTier> byMethod;

    private SlackTiers(Map<String, SlackTier> byMethod) {
        this.byMethod = Map.copyOf(byMethod);
    }

    /** Slack's published limits. */
    public static SlackTiers slack() {
        Map<String, SlackTier> table = new LinkedHashMap<>();
        put(table, SlackTier.perWorkspace("chat.startStream", 20, MINUTE));
        put(table, SlackTier.perWorkspace("chat.stopStream", 20, MINUTE));
        put(table, SlackTier.perWorkspace("chat.update", 50, MINUTE));
        put(table, SlackTier.perWorkspace("chat.appendStream", 100, MINUTE));
        put(table, new SlackTier("chat.postMessage", 1, Duration.ofSeconds(1), true));
        put(table, SlackTier.perWorkspace("assistant.threads.setStatus", 50, MINUTE));
        put(table, SlackTier.perWorkspace("assistant.threads.setSuggestedPrompts", 50, MINUTE));
        put(table, SlackTier.perWorkspace("files.info", 100, MINUTE));
        put(table, SlackTier.perWorkspace("files.getUploadURLExternal", 20, MINUTE));
        put(table, SlackTier.perWorkspace("files.completeUploadExternal", 20, MINUTE));
        return new SlackTiers(table);
    }

    /**
     * Slack's table with {@code overrides} laid over it: comma-separated {@code method=permits/period}
     * entries, the period in seconds ({@code 60s}) or minutes ({@code 1m}), {@code /channel} appended for a
     * per-channel limit. Blank: the table as it is.
     *
     * @throws IllegalArgumentException naming the entry that cannot be read
     */
    public static SlackTiers parse(String overrides) {
        Map<String, SlackTier> table = new LinkedHashMap<>(slack().byMethod);
        if (overrides == null || overrides.isBlank()) {
            return new SlackTiers(table);
        }
        for (String entry : overrides.split(",")) {
            put(table, entry(entry.strip()));
        }
        return new SlackTiers(table);
    }

    private static SlackTier entry(String entry) {
        int eq = entry.indexOf('=');
        String[] parts = eq < 0 ? new String[0] : entry.substring(eq + 1).split("/");
        if (eq <= 0 || parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("channel"))) {
            throw new IllegalArgumentException(SETTING + ": '" + entry + "' is not method=permits/period[/channel]");
        }
        try {
            return new SlackTier(entry.substring(0, eq).strip(), Integer.parseInt(parts[0].strip()),
                    period(parts[1].strip()), parts.length == 3);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(SETTING + ": '" + entry + "' is not method=permits/period[/channel]", e);
        }
    }

    private static Duration period(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        throw new IllegalArgumentException("period needs a unit (ms, s, m): " + text);
    }

    private static void put(Map<String, SlackTier> table, SlackTier tier) {
        table.put(tier.method(), tier);
    }

    /** The limit of a method; empty for methods without one here. */
    public Optional<SlackTier> of(String method) {
        return Optional.ofNullable(byMethod.get(Checks.notBlank(method, "method")));
    }

    /** The limit of a method that has one. */
    SlackTier tier(String method) {
        return of(method).orElseThrow(() -> new IllegalArgumentException("no limit for " + method));
    }

    @Override
    public String toString() {
        return "SlackTiers" + byMethod.values();
    }
}
