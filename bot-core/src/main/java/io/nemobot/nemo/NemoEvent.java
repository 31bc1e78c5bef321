package io.nemobot.nemo;

/** One event of a chat stream, whichever of the two SSE families it came in. */
public sealed interface NemoEvent {
    /**
     * Text for the user. {@code partial} chunks are appended; a non-partial text of the agent family
     * carries the whole text of the turn so far and replaces the chunks since the last full text.
     */
    record Text(String text, boolean partial, boolean replacesPartials) implements NemoEvent {
    }

    /** The backend started a tool; never shown raw, but names the progress note. */
    record ToolCall(String name) implements NemoEvent {
    }

    /** A tool finished. */
    record ToolResult(String name) implements NemoEvent {
    }

    /** Still working: heartbeat events, empty data lines, events with no content. */
    record Heartbeat() implements NemoEvent {
    }

    /** The turn failed. The message is the backend's, for logs only, never shown raw. */
    record Failure(String message) implements NemoEvent {
    }

    /** Internal material (thoughts, unknown event types, unreadable data): ignored. */
    record Ignored(String why) implements NemoEvent {
    }
}
