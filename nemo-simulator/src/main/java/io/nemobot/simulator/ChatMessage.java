package io.nemobot.simulator;

import java.util.Objects;

/**
 * A chat message the simulator accepted (a stream was started for it).
 *
 * @param sessionId the session it was sent to
 * @param text the text parts of {@code new_message}, concatenated
 */
public record ChatMessage(String sessionId, String text) {
    public ChatMessage {
        Objects.requireNonNull(sessionId, "sessionId may not be null");
        Objects.requireNonNull(text, "text may not be null");
    }
}
