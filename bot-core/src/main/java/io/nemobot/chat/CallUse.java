package io.nemobot.chat;

/**
 * What a live reply's next platform call does, so that the core draws it from the budgets that call
 * counts against: platforms with native streaming limit growing a stream, rewriting a message and
 * closing a stream separately (Slack: {@code chat.appendStream}, {@code chat.update},
 * {@code chat.stopStream}), while a platform that only edits counts them all alike.
 */
public enum CallUse {
    /** A new message. */
    POST,
    /** Rewrites a message, or grows one that is not a native stream. */
    EDIT,
    /** Grows a live native stream's text. */
    APPEND,
    /** Closes a live native stream with its final text (when its budget is spent, the final goes as an {@link #EDIT}). */
    CLOSE
}
