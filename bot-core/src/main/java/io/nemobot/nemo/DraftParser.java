package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the draft's short keys ({@code t} tracks, {@code tt} type, {@code sg} segments, {@code s}
 * start, {@code d} duration, {@code m} metadata) and the long spellings some replies use. Junk is
 * skipped, never fatal: a track or segment that is not an object is left out, a missing number is
 * its default.
 */
final class DraftParser {
    private static final String[] LABELS = {"text", "title", "name", "label", "prompt", "description", "src", "url"};
    private static final String[] SEGMENT_LABELS = {"text", "name", "src", "url"};

    private DraftParser() {
    }

    static List<DraftTrack> tracks(JsonObject draft) {
        List<DraftTrack> out = new ArrayList<>();
        JsonArray t = Json.array(draft, "t");
        if (t == null) {
            return out;
        }
        for (JsonElement e : t) {
            if (e.isJsonObject()) {
                out.add(track(e.getAsJsonObject()));
            }
        }
        return out;
    }

    private static DraftTrack track(JsonObject track) {
        DraftTrack.Type type = DraftTrack.Type.of((int) Json.number(track, "tt", -1));
        List<DraftSegment> segments = new ArrayList<>();
        JsonArray sg = Json.array(track, "sg");
        long cursor = 0;
        if (sg != null) {
            for (JsonElement e : sg) {
                if (e.isJsonObject()) {
                    DraftSegment segment = segment(e.getAsJsonObject(), Json.object(track, "m"), cursor);
                    segments.add(segment);
                    cursor = segment.endMs();
                }
            }
        }
        return new DraftTrack(type, Optional.ofNullable(Json.firstString(track, "name", "role")), segments);
    }

    private static DraftSegment segment(JsonObject segment, JsonObject trackMeta, long cursor) {
        long start = (long) firstNumber(segment, cursor, "s", "st", "start", "startMs");
        long duration = Math.max(0, (long) firstNumber(segment, 0, "d", "duration", "dur"));
        JsonObject own = Json.object(segment, "m");
        JsonObject meta = own != null ? own : trackMeta;
        String label = Json.firstString(meta, LABELS);
        if (label == null) {
            label = Json.firstString(segment, SEGMENT_LABELS);
        }
        return new DraftSegment(start, duration, Optional.ofNullable(label),
                Optional.ofNullable(Json.firstString(meta, "role", "type", "kind")), volumePercent(meta));
    }

    /** The backend writes volume as 0-1 or as a percentage. */
    private static Optional<Integer> volumePercent(JsonObject meta) {
        double v = Json.number(meta, "volume", -1);
        if (v < 0) {
            return Optional.empty();
        }
        return Optional.of((int) Math.round(v <= 1.0 ? v * 100 : v));
    }

    private static double firstNumber(JsonObject o, double fallback, String... fields) {
        for (String f : fields) {
            double v = Json.number(o, f, Double.NaN);
            if (!Double.isNaN(v)) {
                return v;
            }
        }
        return fallback;
    }
}
