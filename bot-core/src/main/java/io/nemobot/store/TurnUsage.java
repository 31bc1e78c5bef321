package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What one chat turn cost: where it ran, who asked, the credits it spent (0 when the balance did not
 * move or could not be read) and when it ended.
 *
 * @param userName the name shown for the user then (may equal the id)
 */
public record TurnUsage(ThreadKey thread, String userId, String userName, long credits, Instant at) {
    public TurnUsage {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(at, "at");
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is blank");
        }
        userName = userName == null || userName.isBlank() ? userId : userName;
        if (credits < 0) {
            throw new IllegalArgumentException("credits may not be negative: " + credits);
        }
    }
}
