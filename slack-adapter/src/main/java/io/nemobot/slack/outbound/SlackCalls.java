package io.nemobot.slack.outbound;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs one Web API call and turns every way it can fail into a {@link SlackError}. */
public final class SlackCalls {
    /** When Slack says "ratelimited" without a Retry-After header. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private SlackCalls() {
    }

    /** One call of the Slack SDK. */
    @FunctionalInterface
    public interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** Runs the call; an answer with {@code ok: false}, an HTTP error or no answer throws. */
    public static <T extends SlackApiTextResponse> T run(String method, Call<T> call) {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            String code = e.getError() != null && e.getError().getError() != null ? e.getError().getError()
                    : e.getResponse().code() == 429 ? "ratelimited" : "http_" + e.getResponse().code();
            throw new SlackError(method, code, retryAfter(e.getResponse().header("Retry-After")), e);
        } catch (IOException e) {
            throw new SlackError(method, "network_error", null, e);
        } catch (RuntimeException e) {
            throw new SlackError(method, "client_error", null, e);
        } catch (Exception e) {
            // OkHttp interceptors can throw checked exceptions unchecked (an interrupted call at shutdown)
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SlackError(method, "network_error", null, e);
        }
        if (response == null) {
            throw new SlackError(method, "no_response", null, null);
        }
        if (!response.isOk()) {
            String code = response.getError() == null ? "unknown_error" : response.getError();
            throw new SlackError(method, code, retryAfter(header(response.getHttpResponseHeaders(), "Retry-After")),
                    null);
        }
        return response;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds <= 0 ? Duration.ofSeconds(1) : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
