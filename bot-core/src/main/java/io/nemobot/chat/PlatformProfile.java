package io.nemobot.chat;

import java.time.Duration;
import java.util.List;

/**
 * What the core must respect when writing to a platform.
 *
 * @param name              platform name, as in {@link ThreadKey#platform()}
 * @param maxMessageLength  longest text one message may hold; longer replies are split cleanly
 * @param minEditInterval   least time between two edits of the same message
 * @param budgets           shared rate limits every call draws from, each for the calls it names
 *                          ({@link EditBudget#uses()})
 * @param appendOnly        live messages are cheapest when they only grow (native streaming): a live reply
 *                          then never puts into its text what it would have to take out again (no
 *                          acknowledgement placeholder, no progress line under the text); the thread's
 *                          status line ({@link ChatThread#status}) shows them instead
 * @param minAppendInterval least time between two calls growing the same native stream
 *                          ({@link CallUse#APPEND}); platforms without such a rule give {@code minEditInterval}
 */
public record PlatformProfile(String name, int maxMessageLength, Duration minEditInterval, List<EditBudget> budgets,
        boolean appendOnly, Duration minAppendInterval) {
    /** A platform whose messages may be rewritten freely. */
    public PlatformProfile(String name, int maxMessageLength, Duration minEditInterval, List<EditBudget> budgets) {
        this(name, maxMessageLength, minEditInterval, budgets, false);
    }

    /** A platform whose streams, if any, are paced like its edits. */
    public PlatformProfile(String name, int maxMessageLength, Duration minEditInterval, List<EditBudget> budgets,
            boolean appendOnly) {
        this(name, maxMessageLength, minEditInterval, budgets, appendOnly, minEditInterval);
    }

    public PlatformProfile {
        Checks.notBlank(name, "name");
        if (maxMessageLength < 100) {
            throw new IllegalArgumentException("maxMessageLength must be at least 100: " + maxMessageLength);
        }
        Checks.notNull(minEditInterval, "minEditInterval");
        Checks.notNull(minAppendInterval, "minAppendInterval");
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }
}
