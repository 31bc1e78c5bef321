package io.nemobot.chat;

/**
 * The outgoing port: how the core writes into one chat thread. Adapters implement it; calls are
 * blocking and may come from any thread. Failures are reported as {@link ChatPlatformException}.
 */
public interface ChatThread {
    /** Where this writes. */
    ThreadKey key();

    /** Posts a new message in the thread and returns a handle to edit it. */
    MessageHandle post(OutgoingMessage message);

    /** Replaces the content (text and buttons) of a message this thread posted. */
    void edit(MessageHandle message, OutgoingMessage content);

    /**
     * The last edit of a live message: its text will not change again. Platforms with native
     * streaming close the stream here. Defaults to {@link #edit}.
     */
    default void finish(MessageHandle message, OutgoingMessage content) {
        edit(message, content);
    }

    /**
     * Whether {@link #finish} must be called for every message even when its content did not change
     * since the last edit (platforms with native streams that must be closed). When false, the core
     * saves the call.
     */
    default boolean finishRequired() {
        return false;
    }

    /**
     * Whether the message is a live native stream now: growing it appends ({@link CallUse#APPEND}),
     * finishing it closes the stream ({@link CallUse#CLOSE}). The core draws such calls from the budgets
     * of those methods. Defaults to false (every change is an edit).
     */
    default boolean streaming(MessageHandle message) {
        return false;
    }

    /**
     * Shows or clears a short status line where the platform has one (Slack's assistant status,
     * Discord's typing indicator). {@code null} clears it. Best effort: never throws.
     */
    default void status(String statusOrNull) {
    }

    /** How to mention a user so the platform notifies them. */
    default String mention(Author author) {
        return "@" + author.displayName();
    }
}
