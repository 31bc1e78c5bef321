package io.nemobot.nemo;

import java.time.Duration;

/**
 * How a chat stream ended once the backend had accepted the message.
 *
 * @param ending  why it ended
 * @param elapsed how long it ran
 */
public record StreamOutcome(Ending ending, Duration elapsed) {
    /** Why a stream ended. */
    public enum Ending {
        /** The backend closed it: the turn is over. */
        COMPLETED,
        /** The connection broke mid-stream. The message was accepted: never re-send it. */
        CUT,
        /** Only heartbeats (or nothing) for the idle time-out. */
        IDLE_TIMEOUT,
        /** The 15-minute ceiling. */
        MAX_DURATION
    }
}
