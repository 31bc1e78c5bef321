package io.nemobot.simulator;

import java.util.List;
import java.util.Objects;

/** The steps a render goes through, one per poll; the last step repeats forever. */
public final class RenderScript {

    private static final RenderScript STANDARD = steps(
            RenderStep.pending(), RenderStep.processing(40), RenderStep.processing(80), RenderStep.completed());

    private final List<RenderStep> steps;

    private RenderScript(List<RenderStep> steps) {
        this.steps = steps;
    }

    /** These steps in order, one per poll; the last one repeats. */
    public static RenderScript steps(RenderStep... steps) {
        Objects.requireNonNull(steps, "steps may not be null");
        if (steps.length == 0) {
            throw new IllegalArgumentException("steps may not be empty");
        }
        return new RenderScript(List.of(steps));
    }

    /** Processing forever, progress rising by one per poll up to 99. */
    public static RenderScript never() {
        return new RenderScript(List.of());
    }

    /** The default: pending(0), processing(40), processing(80), completed. */
    public static RenderScript standard() {
        return STANDARD;
    }

    /** The step reported by poll number {@code poll} (0-based). */
    RenderStep stepAt(int poll) {
        if (steps.isEmpty()) {
            return RenderStep.processing(Math.min(99, poll + 1));
        }
        return steps.get(Math.min(poll, steps.size() - 1));
    }

    @Override
    public String toString() {
        return steps.isEmpty() ? "RenderScript.never()" : "RenderScript" + steps;
    }
}
