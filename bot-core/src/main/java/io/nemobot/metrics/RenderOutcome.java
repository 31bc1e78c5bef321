package io.nemobot.metrics;

import java.util.Locale;

/** How a render (an export) ended, as the {@code outcome} label of {@code nemo_render_duration_seconds}. */
public enum RenderOutcome {
    /** The video is ready. */
    COMPLETED,
    /** The backend reported the render failed. */
    FAILED,
    /** Not finished within {@code NEMO_RENDER_TIMEOUT}: given up and cancelled. */
    TIMED_OUT,
    /** Cancelled at the backend (the backend reported {@code cancelled}); the bot's own give-ups are {@link #TIMED_OUT}. */
    CANCELLED;

    /** The label value: lower case, e.g. {@code timed_out}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
