package io.nemobot.store;

import io.nemobot.chat.Checks;
import io.nemobot.chat.ThreadKey;
import java.time.Instant;

/**
 * A chat turn in progress: if the process dies during it, the next start tells the thread what
 * happened instead of leaving a half-written message (and never re-sends the message).
 *
 * @param thread    the thread
 * @param message   the adapter's handle of the live message, or null before it was posted
 * @param startedAt when the turn began
 */
public record OpenTurn(ThreadKey thread, String message, Instant startedAt) {
    public OpenTurn {
        Checks.notNull(thread, "thread");
        Checks.notNull(startedAt, "startedAt");
    }
}
