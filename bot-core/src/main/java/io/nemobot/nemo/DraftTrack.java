package io.nemobot.nemo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One track of a draft: its type (the wire's {@code tt}), its name when it has one, and its segments
 * (the wire's {@code sg}) in order.
 *
 * @param type     video, audio, text or another type
 * @param name     the track's own name or role, when the draft gives one
 * @param segments its segments; may be empty
 */
public record DraftTrack(Type type, Optional<String> name, List<DraftSegment> segments) {
    /** The track types of nemo-api.md ({@code tt} 0, 1 and 7); anything else is {@link #OTHER}. */
    public enum Type {
        VIDEO, AUDIO, TEXT, OTHER;

        static Type of(int wireCode) {
            switch (wireCode) {
                case 0:
                    return VIDEO;
                case 1:
                    return AUDIO;
                case 7:
                    return TEXT;
                default:
                    return OTHER;
            }
        }
    }

    public DraftTrack {
        Objects.requireNonNull(type, "type may not be null");
        Objects.requireNonNull(name, "name may not be null (use Optional.empty())");
        segments = List.copyOf(Objects.requireNonNull(segments, "segments may not be null"));
    }
}
