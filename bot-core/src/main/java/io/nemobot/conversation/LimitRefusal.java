package io.nemobot.conversation;

import java.util.Objects;

/**
 * A limit refused a turn: which one (the {@code reason} label operators see, e.g.
 * {@code user_daily_turns}) and the words the user is told.
 */
record LimitRefusal(String limit, String text) {
    LimitRefusal {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(text, "text");
        if (limit.isBlank()) {
            throw new IllegalArgumentException("limit is blank");
        }
    }
}
