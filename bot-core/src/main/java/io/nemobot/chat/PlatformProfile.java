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
 */
public record PlatformProfile(String name, int maxMessageLength, Duration minEditInterval, List<EditBudget> budgets) {
    public PlatformProfile {
        Checks.notBlank(name, "name");
        if (maxMessageLength < 100) {
            throw new IllegalArgumentException("maxMessageLength must be at least 100: " + maxMessageLength);
        }
        Checks.notNull(minEditInterval, "minEditInterval");
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }
}
