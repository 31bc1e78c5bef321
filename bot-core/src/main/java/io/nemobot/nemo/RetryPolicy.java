package io.nemobot.nemo;

import java.time.Duration;
import java.util.function.Function;

/**
 * The retries nemo-api.md allows, in one place: one re-auth on 1001 / HTTP 401, one wait and retry on
 * HTTP 429, one more try of a read on 5xx or IO trouble. A request whose body cannot be replayed (an
 * upload) is sent once; a refused token is renewed for the caller's next try. A chat message the
 * backend accepted is never sent again: only refusals before its stream started reach here.
 */
final class RetryPolicy {
    private static final Duration TRANSIENT_WAIT = Duration.ofMillis(200);

    private final TokenSource tokens;
    private final Sleeper sleeper;
    private final Duration rateLimitWait;

    RetryPolicy(TokenSource tokens, Sleeper sleeper, Duration rateLimitWait) {
        this.tokens = tokens;
        this.sleeper = sleeper;
        this.rateLimitWait = rateLimitWait;
    }

    /** Runs an attempt with the current token, retrying as nemo-api.md allows. */
    <T> T run(SkillHeaders skill, boolean safeToRepeat, Function<String, T> attempt) {
        boolean reauthed = false;
        boolean rateRetried = false;
        boolean transientRetried = false;
        while (true) {
            String token = tokens.current(skill);
            try {
                return attempt.apply(token);
            } catch (NemoException e) {
                if (e.kind() == NemoException.Kind.UNAUTHORIZED && !reauthed && e.httpStatus() != 0) {
                    reauthed = true;
                    tokens.renew(token, skill);
                } else if (e.httpStatus() == 429 && !rateRetried) {
                    rateRetried = true;
                    pause(sleeper, rateLimitWait);
                } else if (e.kind() == NemoException.Kind.BACKEND_UNAVAILABLE && safeToRepeat && !transientRetried) {
                    transientRetried = true;
                    pause(sleeper, TRANSIENT_WAIT);
                } else {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs an attempt whose body cannot be replayed, once. A refused token is renewed and the refusal
     * says so: the caller must send again (its next try has the new token).
     */
    <T> T once(SkillHeaders skill, Function<String, T> attempt) {
        String token = tokens.current(skill);
        try {
            return attempt.apply(token);
        } catch (NemoException e) {
            if (e.kind() == NemoException.Kind.UNAUTHORIZED && e.httpStatus() != 0 && !tokens.configured()) {
                tokens.renew(token, skill);
                throw new NemoException(NemoException.Kind.UNAUTHORIZED, e.httpStatus(), e.backendCode().orElse(null),
                        "token renewed; send again", e);
            }
            throw e;
        }
    }

    /** Waits, turning an interrupt into a refusal the caller reports (the interrupt flag is kept). */
    static void pause(Sleeper sleeper, Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "interrupted", e);
        }
    }
}
