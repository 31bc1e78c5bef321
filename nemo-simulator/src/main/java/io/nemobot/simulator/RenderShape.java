package io.nemobot.simulator;

/** Where a render poll reply puts its status and output URL (the sources disagree: accept all). */
public enum RenderShape {
    /** {@code {"success":true,"data":{"status":..,"progress":..,"outputUrl":..}}}. */
    DATA_OUTPUT_URL,
    /** {@code {"status":..,"progress":..,"output":{"url":..}}}. */
    TOP_LEVEL_OUTPUT,
    /** {@code {"code":0,"data":{"status":..,"progress":..,"output_url":..}}}. */
    ENVELOPE
}
