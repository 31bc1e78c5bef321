package io.nemobot.simulator;

import java.util.Objects;
import java.util.Set;

/**
 * What one render poll reports.
 *
 * @param status {@code pending}, {@code processing}, {@code completed}, {@code failed} or {@code cancelled}
 * @param progress 0-100
 * @param url the output URL of a completed render; null means {@code <baseUrl>/cdn/<id>.mp4}
 * @param error the error of a failed render, else null
 */
public record RenderStep(String status, int progress, String url, String error) {

    private static final Set<String> STATUSES = Set.of("pending", "processing", "completed", "failed", "cancelled");

    public RenderStep {
        Objects.requireNonNull(status, "status may not be null");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", was " + status);
        }
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress must be 0-100, was " + progress);
        }
        if ("failed".equals(status)) {
            Objects.requireNonNull(error, "error may not be null for a failed step");
        }
    }

    public static RenderStep pending() {
        return new RenderStep("pending", 0, null, null);
    }

    public static RenderStep processing(int progress) {
        return new RenderStep("processing", progress, null, null);
    }

    /** Completed, with the automatic URL {@code <baseUrl>/cdn/<id>.mp4}. */
    public static RenderStep completed() {
        return new RenderStep("completed", 100, null, null);
    }

    public static RenderStep completed(String url) {
        return new RenderStep("completed", 100, Objects.requireNonNull(url, "url may not be null"), null);
    }

    /** Failed with the error {@code render failed}. */
    public static RenderStep failed() {
        return failed("render failed");
    }

    public static RenderStep failed(String error) {
        return new RenderStep("failed", 0, null, Objects.requireNonNull(error, "error may not be null"));
    }

    /** Cancelled at the backend (by its operators, or a cancel call), as a poll reports it. */
    public static RenderStep cancelled() {
        return new RenderStep("cancelled", 0, null, null);
    }

    public boolean isCompleted() {
        return "completed".equals(status);
    }

    public boolean isFailed() {
        return "failed".equals(status);
    }
}
