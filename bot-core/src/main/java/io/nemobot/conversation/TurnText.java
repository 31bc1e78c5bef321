package io.nemobot.conversation;

import io.nemobot.nemo.NemoEvent;
import java.util.Locale;

/**
 * The text of one turn as the user should see it, built from stream events: partial chunks are
 * appended; a full (non-partial) text replaces the chunks written since the last full text, so a
 * sentence is never shown twice. A trailing "temporary issue" note after real text is dropped.
 * Thread-safe: the stream appends while the live reply reads it for an edit.
 */
final class TurnText {
    private final StringBuilder committed = new StringBuilder();
    private final StringBuilder partial = new StringBuilder();
    private final int max;
    private boolean truncated;

    TurnText(int maxChars) {
        this.max = maxChars;
    }

    /**
     * Applies a text event; returns whether the visible text may have changed (false for blank chunks
     * and dropped notes). Cheap on purpose: it runs for every chunk of every stream, so it never
     * builds the whole text.
     */
    synchronized boolean apply(NemoEvent.Text event) {
        String t = event.text();
        if (t.toLowerCase(Locale.ROOT).contains("encountered a temporary issue") && !isEmpty()) {
            return false;
        }
        if (event.replacesPartials()) {
            partial.setLength(0);
            if (committed.length() > 0 && !endsWithBreak(committed) && !t.startsWith("\n")) {
                committed.append("\n\n");
            }
            committed.append(t);
        } else {
            partial.append(t);
        }
        return !t.isBlank();
    }

    private static boolean endsWithBreak(CharSequence s) {
        return s.length() > 0 && s.charAt(s.length() - 1) == '\n';
    }

    synchronized boolean isEmpty() {
        return committed.length() == 0 && partial.chars().allMatch(Character::isWhitespace);
    }

    /** The text so far, cut at the bound. */
    synchronized String visible() {
        String all = committed.length() == 0 ? partial.toString()
                : partial.length() == 0 ? committed.toString() : committed + "\n\n" + partial;
        all = all.strip();
        if (all.length() > max) {
            truncated = true;
            return all.substring(0, max);
        }
        return all;
    }

    synchronized boolean truncated() {
        visible();
        return truncated;
    }
}
