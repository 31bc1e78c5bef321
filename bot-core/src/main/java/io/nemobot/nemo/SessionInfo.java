package io.nemobot.nemo;

/** A backend session, as created for one chat thread. {@code taskId} and {@code userId} may be null. */
public record SessionInfo(String sessionId, String taskId, String userId) {
    public SessionInfo {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId may not be blank");
        }
    }
}
