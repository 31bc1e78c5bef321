package io.nemobot.simulator;

/** Told right after each text chunk of a chat stream was flushed to the socket. */
@FunctionalInterface
public interface ChunkListener {
    /**
     * @param sessionId the session the stream belongs to
     * @param text the text of the chunk (a partial chunk or a whole final text)
     * @param nanoTime {@link System#nanoTime()} right after the flush
     */
    void emitted(String sessionId, String text, long nanoTime);
}
