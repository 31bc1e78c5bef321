package io.nemobot.chat;

import java.time.Duration;
import java.util.List;

/**
 * What the core must respect when writing to a platform.
 *
 * @param name             platform name, as in {@link ThreadKey#platform()}
 * @param maxMessageLength longest text one message may hold; longer replies are split cleanly
 * @param minEditInterval  least time between two edits of the same message
 * @param budgets          shared rate limits every edit and post draws from
 * @param appendOnly       live messages are cheapest when they only grow (native streaming): a live reply
 *                         then never puts into its text what it would have to take out again (no
 *                         acknowledgement placeholder, no progress line under the text); the thread's
 *                         status line ({@link ChatThread#status}) shows them instead
 */
public record PlatformProfile(String name, int maxMessageLength, Duration minEditInterval, List<EditBudget> budgets,
        boolean appendOnly) {
    /** A platform whose messages may be rewritten freely. */
    public PlatformProfile(String name, int maxMessageLength, Duration minEditInterval, List<EditBudget> budgets) {
        this(name, maxMessageLength, minEditInterval, budgets, false);
    }

    public PlatformProfile {
        Checks.notBlank(name, "name");
        if (maxMessageLength < 100) {
            throw new IllegalArgumentException("maxMessageLength must be at least 100: " + maxMessageLength);
        }
        Checks.notNull(minEditInterval, "minEditInterval");
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }
}
