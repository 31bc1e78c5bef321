package io.nemobot.nemo;

import java.util.Objects;
import java.util.Optional;

/**
 * One segment of a draft track, with the backend's short keys already read: where it sits on the
 * timeline and what its metadata says (the segment's own {@code m}, else its track's).
 *
 * @param startMs       where it starts; a segment without a start follows the one before it
 * @param durationMs    how long it lasts (0 when the draft does not say)
 * @param label         what it shows: a text, title, name, prompt or source URL, as the backend wrote it
 * @param role          the metadata's role, type or kind ({@code voiceover}, {@code subtitle}...)
 * @param volumePercent the volume as a percentage (the backend writes 0-1 or 0-100)
 */
public record DraftSegment(long startMs, long durationMs, Optional<String> label, Optional<String> role,
        Optional<Integer> volumePercent) {
    public DraftSegment {
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs may not be negative: " + durationMs);
        }
        Objects.requireNonNull(label, "label may not be null (use Optional.empty())");
        Objects.requireNonNull(role, "role may not be null (use Optional.empty())");
        Objects.requireNonNull(volumePercent, "volumePercent may not be null (use Optional.empty())");
    }

    /** Where it ends. */
    public long endMs() {
        return startMs + durationMs;
    }
}
