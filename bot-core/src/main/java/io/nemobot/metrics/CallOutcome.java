package io.nemobot.metrics;

import java.util.Locale;

/**
 * How a call to the backend or to a chat platform ended, as the {@code outcome} label. The caller maps
 * its own errors: a backend or platform 429 is {@link #RATE_LIMITED}; an answer that refuses the
 * request (no credits, unsupported file, message gone, forbidden) is {@link #REFUSED}; 5xx, time-outs,
 * cut connections and unreadable replies are {@link #UNAVAILABLE}.
 */
public enum CallOutcome {
    OK,
    REFUSED,
    RATE_LIMITED,
    UNAVAILABLE;

    /** The label value: lower case, e.g. {@code rate_limited}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
