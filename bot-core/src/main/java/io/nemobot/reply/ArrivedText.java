package io.nemobot.reply;

/**
 * When the oldest streamed text a live reply has not shown yet arrived, for the chunk lag operators
 * watch: noted as text comes in, taken by the call that will show it, and put back (keeping the older
 * time) when that call fails. Plain values ({@code nanoTime} values, compared by difference); the
 * caller holds the reply's lock.
 */
final class ArrivedText {
    private boolean waiting;
    private long since;

    /** When {@code changed}, text arrived at {@code now} (only the first since the last call counts); returns {@code changed}. */
    boolean note(boolean changed, long now) {
        if (changed && !waiting) {
            waiting = true;
            since = now;
        }
        return changed;
    }

    /** Whether text waits to be shown. */
    boolean waiting() {
        return waiting;
    }

    /** When the waiting text arrived (meaningful while {@link #waiting()}). */
    long since() {
        return since;
    }

    /** A call takes what waits: it will show it. */
    void take() {
        waiting = false;
    }

    /** The call that took text arrived at {@code arrived} failed: that text waits again, from its own time. */
    void putBack(long arrived) {
        if (!waiting || since - arrived > 0) {
            waiting = true;
            since = arrived;
        }
    }
}
