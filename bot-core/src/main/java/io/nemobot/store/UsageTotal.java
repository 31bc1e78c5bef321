package io.nemobot.store;

import java.util.Objects;

/**
 * The turns and credits of one user in one channel of a workspace over a period, summed by the store.
 *
 * @param userName a name recorded for the user in the period (names rarely change; the store picks one)
 */
public record UsageTotal(String channel, String userId, String userName, int turns, long credits) {
    public UsageTotal {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(userId, "userId");
        userName = userName == null || userName.isBlank() ? userId : userName;
        if (turns < 0 || credits < 0) {
            throw new IllegalArgumentException("turns and credits may not be negative: " + turns + ", " + credits);
        }
    }
}
