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

    /** A call takes what waits, to show it: when that text arrived, or null when none waits. */
    Long take() {
        if (!waiting) {
            return null;
        }
        waiting = false;
        return since;
    }

    /** The call that took text arrived at {@code arrived} (null: none) failed: it waits again, from its own time. */
    void putBack(Long arrived) {
        if (arrived != null && (!waiting || since - arrived > 0)) {
            waiting = true;
            since = arrived;
        }
    }
}
