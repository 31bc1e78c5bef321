package io.nemobot.nemo;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a render stands. Accepts every placement the sources disagree on: {@code data.status} with
 * {@code data.outputUrl}, top-level {@code status} with {@code output.url}, and snake-case variants.
 *
 * @param phase    pending, processing, completed, failed, or cancelled (by someone at the backend)
 * @param progress 0-100
 * @param url      the MP4 when completed and the reply had one
 * @param error    the backend's reason when failed (for logs)
 */
public record RenderStatus(Phase phase, int progress, Optional<String> url, Optional<String> error) {
    /** The render's life. */
    public enum Phase { PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED }

    public boolean done() {
        return phase == Phase.COMPLETED || phase == Phase.FAILED || phase == Phase.CANCELLED;
    }

    static RenderStatus from(JsonObject payload) {
        JsonObject data = Json.object(payload, "data");
        JsonObject body = data != null && data.has("status") ? data : payload;
        String status = Json.firstString(body, "status", "state");
        Phase phase = phaseOf(status);
        int progress = (int) Math.round(Json.number(body, "progress", phase == Phase.COMPLETED ? 100 : 0));
        progress = Math.max(0, Math.min(100, progress));
        String url = Json.firstString(body, "outputUrl", "output_url", "url", "downloadUrl", "download_url");
        JsonObject output = Json.object(body, "output");
        if (url == null && output != null) {
            url = Json.firstString(output, "url", "outputUrl", "output_url");
        }
        if (url == null && data != null && body != data) {
            url = Json.firstString(data, "outputUrl", "output_url", "url");
        }
        String error = Json.firstString(body, "error", "message", "reason");
        return new RenderStatus(phase, progress, Optional.ofNullable(url),
                phase == Phase.FAILED ? Optional.ofNullable(error) : Optional.empty());
    }

    private static Phase phaseOf(String status) {
        if (status == null) {
            return Phase.PENDING;
        }
        switch (status.toLowerCase(Locale.ROOT)) {
            case "completed":
            case "complete":
            case "succeeded":
            case "success":
            case "done":
                return Phase.COMPLETED;
            case "failed":
            case "failure":
            case "error":
                return Phase.FAILED;
            case "cancelled":
            case "canceled":
                return Phase.CANCELLED;
            case "processing":
            case "running":
            case "rendering":
                return Phase.PROCESSING;
            default:
                return Phase.PENDING;
        }
    }
}
