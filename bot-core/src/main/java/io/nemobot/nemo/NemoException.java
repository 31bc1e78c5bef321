package io.nemobot.nemo;

import java.util.Optional;

/**
 * Anything the Nemo backend refused or could not do, with the HTTP status and the backend's own code
 * so that one place can turn it into words for users. The message never holds a token or a raw
 * reply body.
 */
public class NemoException extends RuntimeException {
    /** What went wrong, as far as the bot must act differently. */
    public enum Kind {
        /** 1001 / HTTP 401 after the one re-auth, or a configured token the backend refuses. */
        UNAUTHORIZED,
        /** 1002: the session is gone. */
        SESSION_NOT_FOUND,
        /** 2001: out of credits. */
        NO_CREDITS,
        /** 4001: unsupported file. */
        UNSUPPORTED_FILE,
        /** 4002: file too large. */
        FILE_TOO_LARGE,
        /** HTTP 400: missing client id (after the one retry). */
        BAD_REQUEST,
        /** HTTP 402: the free plan cannot export. */
        PLAN_BLOCKED,
        /** HTTP 429 after the one retry. */
        RATE_LIMITED,
        /** HTTP 5xx, time-outs, cut connections, unreadable replies. */
        BACKEND_UNAVAILABLE,
        /** Any other refusal (an unknown code, {@code success:false}). */
        REFUSED
    }

    private final Kind kind;
    private final int httpStatus;
    private final Integer backendCode;

    public NemoException(Kind kind, int httpStatus, Integer backendCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.backendCode = backendCode;
    }

    public NemoException(Kind kind, int httpStatus, Integer backendCode, String message) {
        this(kind, httpStatus, backendCode, message, null);
    }

    /** The kind matching a backend code and HTTP status. */
    public static Kind kindOf(int httpStatus, Integer code) {
        if (code != null) {
            switch (code) {
                case 1001: return Kind.UNAUTHORIZED;
                case 1002: return Kind.SESSION_NOT_FOUND;
                case 2001: return Kind.NO_CREDITS;
                case 4001: return Kind.UNSUPPORTED_FILE;
                case 4002: return Kind.FILE_TOO_LARGE;
                default: break;
            }
        }
        if (httpStatus == 401) {
            return Kind.UNAUTHORIZED;
        }
        if (httpStatus == 400) {
            return Kind.BAD_REQUEST;
        }
        if (httpStatus == 402) {
            return Kind.PLAN_BLOCKED;
        }
        if (httpStatus == 429) {
            return Kind.RATE_LIMITED;
        }
        if (httpStatus >= 500 || httpStatus == 0) {
            return Kind.BACKEND_UNAVAILABLE;
        }
        return Kind.REFUSED;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The backend's {@code code} when the reply had one. */
    public Optional<Integer> backendCode() {
        return Optional.ofNullable(backendCode);
    }
}
