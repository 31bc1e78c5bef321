package io.nemobot.nemo;

import java.time.Duration;
import java.util.Optional;

/**
 * How the client talks to the backend.
 *
 * @param baseUrl              the backend's base URL, no trailing slash
 * @param token                a configured token ({@code NEMO_TOKEN}), else anonymous tokens are used
 * @param clientId             a configured client id ({@code NEMO_CLIENT_ID}), else one is generated once
 * @param requestTimeout       the whole of a non-streaming call
 * @param streamMaxDuration    the ceiling of one chat turn (15 minutes)
 * @param streamIdleTimeout    heartbeats only (or silence) this long ends the turn (10 minutes)
 * @param rateLimitRetryAfter  the wait before the one retry after HTTP 429
 * @param maxConcurrentCalls   chat streams open at once (each holds a thread and a connection); a turn over
 *                             the limit waits until one ends
 */
public record NemoSettings(String baseUrl, Optional<String> token, Optional<String> clientId,
        Duration requestTimeout, Duration streamMaxDuration, Duration streamIdleTimeout,
        Duration rateLimitRetryAfter, int maxConcurrentCalls) {
    public NemoSettings {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + baseUrl);
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank());
        clientId = clientId == null ? Optional.empty() : clientId.filter(t -> !t.isBlank());
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be at least 1: " + maxConcurrentCalls);
        }
    }

    /** Defaults of nemo-api.md against the given base URL. */
    public static NemoSettings defaults(String baseUrl) {
        return new NemoSettings(baseUrl, Optional.empty(), Optional.empty(), Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofSeconds(30), 4096);
    }
}
