package io.nemobot.reply;

/**
 * Told when a live reply's platform call has shown text that came in through {@code text(...)}: when
 * the oldest such text not shown before arrived, and when the call that showed it returned. The chat
 * turn turns it into the chunk lag and the time to first text operators watch.
 */
@FunctionalInterface
public interface ReplyShown {
    /** For replies nobody measures. */
    ReplyShown NONE = (arrivedNanos, shownNanos) -> { };

    /** Both are {@code nanoTime} values of the reply's clock. Runs on the thread that made the call; never throws. */
    void shown(long arrivedNanos, long shownNanos);
}
