package io.nemobot.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator plays instead of (or, for {@link #delay}, before) an endpoint's normal
 * answer. Install with {@link NemoSimulator#failNext}, {@link NemoSimulator#failAlways} or
 * {@link NemoSimulator#failEvery}.
 */
public final class Fault {

    enum Kind { HTTP, CODE, HANG, DISCONNECT, MALFORMED_JSON, DELAY }

    private final Kind kind;
    private final int status;
    private final String body;
    private final Duration delay;

    private Fault(Kind kind, int status, String body, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.body = body;
        this.delay = delay;
    }

    /** A plain HTTP status with no body. */
    public static Fault http(int status) {
        checkStatus(status);
        return new Fault(Kind.HTTP, status, null, null);
    }

    /** An HTTP status with this body (JSON content type when it starts with '{', else text). */
    public static Fault http(int status, String body) {
        checkStatus(status);
        return new Fault(Kind.HTTP, status, Objects.requireNonNull(body, "body may not be null"), null);
    }

    /** An HTTP 200 envelope {@code {"code":backendCode,"message":message}}. */
    public static Fault code(int backendCode, String message) {
        Objects.requireNonNull(message, "message may not be null");
        return new Fault(Kind.CODE, backendCode, message, null);
    }

    /** Accept the request and never answer (until the simulator is reset or closed). */
    public static Fault hang() {
        return new Fault(Kind.HANG, 0, null, null);
    }

    /** Close the socket without any response. */
    public static Fault disconnect() {
        return new Fault(Kind.DISCONNECT, 0, null, null);
    }

    /** HTTP 200, JSON content type, a body that is not valid JSON. */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 200, null, null);
    }

    /** Wait this long, then answer normally. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay may not be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay may not be negative, was " + delay);
        }
        return new Fault(Kind.DELAY, 0, null, delay);
    }

    private static void checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599, was " + status);
        }
    }

    Kind kind() {
        return kind;
    }

    /** The HTTP status, or the backend code for {@link Kind#CODE}. */
    int status() {
        return status;
    }

    /** The body for {@link Kind#HTTP}, or the message for {@link Kind#CODE}; may be null. */
    String body() {
        return body;
    }

    Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        switch (kind) {
            case HTTP: return "Fault.http(" + status + ")";
            case CODE: return "Fault.code(" + status + ", " + body + ")";
            case DELAY: return "Fault.delay(" + delay + ")";
            default: return "Fault." + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
