package io.nemobot.nemo;

import io.nemobot.metrics.CallOutcome;
import okhttp3.Request;

/**
 * The {@code endpoint} and {@code outcome} labels of a backend call, decided in one place from the
 * request and the refusal, so that the metrics name each backend operation the same way whichever
 * caller made it, and never with an id from the path.
 */
final class BackendEndpoints {
    private BackendEndpoints() {
    }

    /** The fixed name of the operation a request calls, e.g. {@code chat}, {@code credits}, {@code render_poll}. */
    static String of(Request request) {
        String path = request.url().encodedPath();
        if (path.endsWith("/run_sse")) {
            return "chat";
        }
        if (path.contains("/api/auth/")) {
            return "token";
        }
        if (path.contains("/api/tasks/")) {
            return "session";
        }
        if (path.contains("/api/credits/")) {
            return "credits";
        }
        if (path.contains("/api/state/")) {
            return "state";
        }
        if (path.contains("/api/upload-video/")) {
            return "upload";
        }
        if (path.contains("/api/render/proxy/lambda")) {
            if (path.endsWith("/cancel")) {
                return "render_cancel";
            }
            return request.method().equals("POST") ? "render_submit" : "render_poll";
        }
        if (path.contains("/api/render/proxy/") && path.endsWith("/download")) {
            return "download";
        }
        return "other";
    }

    /** How a refusal counts: 429 as rate limited, no answer or 5xx as unavailable, any other refusal as refused. */
    static CallOutcome outcome(NemoException e) {
        if (e.httpStatus() == 429 || e.kind() == NemoException.Kind.RATE_LIMITED) {
            return CallOutcome.RATE_LIMITED;
        }
        if (e.kind() == NemoException.Kind.BACKEND_UNAVAILABLE) {
            return CallOutcome.UNAVAILABLE;
        }
        return CallOutcome.REFUSED;
    }
}
