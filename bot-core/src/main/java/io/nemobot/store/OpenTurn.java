package io.nemobot.store;

import io.nemobot.chat.Checks;
import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.util.List;

/**
 * A chat turn in progress: if the process dies during it, the next start mends the reply it left
 * half-written (and never re-sends the message). Saved when the turn starts and again each time a
 * message of its reply lands on the platform.
 *
 * @param thread    the thread
 * @param message   the adapter's handle of the reply's last message (the one the turn goes on in),
 *                  or null before it was posted
 * @param settled   the reply's messages before that one, which the text outgrew, with the text each
 *                  keeps; empty when the reply is one message
 * @param startedAt when the turn began
 */
public record OpenTurn(ThreadKey thread, String message, List<SettledMessage> settled, Instant startedAt) {
    public OpenTurn {
        Checks.notNull(thread, "thread");
        settled = List.copyOf(Checks.notNull(settled, "settled"));
        if (message == null && !settled.isEmpty()) {
            throw new IllegalArgumentException("settled messages need the message after them");
        }
        Checks.notNull(startedAt, "startedAt");
    }

    /** A turn whose reply is (so far) one message, or none yet. */
    public OpenTurn(ThreadKey thread, String message, Instant startedAt) {
        this(thread, message, List.of(), startedAt);
    }
}
