package io.nemobot.chat;

import java.time.Duration;
import java.util.Optional;

/** A chat platform refused a post or an edit. Adapters translate their SDK's errors into this. */
public class ChatPlatformException extends RuntimeException {
    /** Why the platform refused. */
    public enum Kind {
        /** Too many calls: wait {@link #retryAfter()} and try again. */
        RATE_LIMITED,
        /** The message, thread or channel is gone, archived or locked: edits will never succeed. */
        GONE,
        /** The bot lacks the permission. */
        FORBIDDEN,
        /** The text was too long for the platform. */
        TOO_LONG,
        /** Anything else (network, 5xx). May succeed later. */
        OTHER
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ChatPlatformException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = Checks.notNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    public ChatPlatformException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    public static ChatPlatformException rateLimited(Duration retryAfter) {
        return new ChatPlatformException(Kind.RATE_LIMITED, "rate limited", retryAfter, null);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
