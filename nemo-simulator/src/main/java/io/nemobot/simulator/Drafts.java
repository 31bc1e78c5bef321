package io.nemobot.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * Builders of backend drafts (short keys: {@code t} tracks, {@code tt} track type 0 video / 1 audio /
 * 7 text, {@code sg} segments, {@code s} start ms, {@code d} duration ms, {@code m} metadata).
 * Every method returns a new object; inputs are never modified.
 */
public final class Drafts {

    public static final int VIDEO = 0;
    public static final int AUDIO = 1;
    public static final int TEXT = 7;

    private Drafts() {
    }

    /** {@code {"t":[]}}: a session before anything was generated. */
    public static JsonObject empty() {
        JsonObject draft = new JsonObject();
        draft.add("t", new JsonArray());
        return draft;
    }

    /** Video "city timelapse" 0-10s, BGM "Lo-fi" 0-10s at 35%, title "Urban Dreams" 0-3s. */
    public static JsonObject demo() {
        JsonObject draft = withVideo(empty(), "city timelapse", 0, 10_000);
        draft = withMusic(draft, "Lo-fi", 0.35, 0, 10_000);
        return withTitle(draft, "Urban Dreams", 0, 3_000);
    }

    /** Replaces the text track's segments with one title (adds the track when there is none). */
    public static JsonObject withTitle(JsonObject draft, String title, long startMs, long durMs) {
        Objects.requireNonNull(title, "title may not be null");
        JsonObject meta = new JsonObject();
        meta.addProperty("text", title);
        return withTrack(draft, TEXT, segment(startMs, durMs, meta));
    }

    /** Replaces the video track's segments with one clip (adds the track when there is none). */
    public static JsonObject withVideo(JsonObject draft, String name, long startMs, long durMs) {
        Objects.requireNonNull(name, "name may not be null");
        JsonObject meta = new JsonObject();
        meta.addProperty("name", name);
        return withTrack(draft, VIDEO, segment(startMs, durMs, meta));
    }

    /** Replaces the audio track's segments with one music clip at {@code volume} (0-1). */
    public static JsonObject withMusic(JsonObject draft, String name, double volume, long startMs, long durMs) {
        Objects.requireNonNull(name, "name may not be null");
        if (volume < 0 || volume > 1) {
            throw new IllegalArgumentException("volume must be 0-1, was " + volume);
        }
        JsonObject meta = new JsonObject();
        meta.addProperty("name", name);
        meta.addProperty("volume", volume);
        return withTrack(draft, AUDIO, segment(startMs, durMs, meta));
    }

    /** Replaces the segments of the first track of type {@code trackType} (or appends a track). */
    public static JsonObject withTrack(JsonObject draft, int trackType, JsonObject... segments) {
        JsonObject copy = copyOf(draft);
        JsonArray sg = new JsonArray();
        for (JsonObject segment : segments) {
            sg.add(Objects.requireNonNull(segment, "segment may not be null").deepCopy());
        }
        JsonObject track = findTrack(copy, trackType);
        if (track == null) {
            track = new JsonObject();
            track.addProperty("tt", trackType);
            tracks(copy).add(track);
        }
        track.add("sg", sg);
        return copy;
    }

    /** Removes every track of type {@code trackType}. */
    public static JsonObject withoutTrack(JsonObject draft, int trackType) {
        JsonObject copy = copyOf(draft);
        JsonArray kept = new JsonArray();
        for (JsonElement track : tracks(copy)) {
            if (!isTrackOfType(track, trackType)) {
                kept.add(track);
            }
        }
        copy.add("t", kept);
        return copy;
    }

    /** A segment {@code {"s":startMs,"d":durMs,"m":meta}}. */
    public static JsonObject segment(long startMs, long durMs, JsonObject meta) {
        if (startMs < 0 || durMs < 0) {
            throw new IllegalArgumentException("startMs and durMs must be >= 0, were " + startMs + ", " + durMs);
        }
        JsonObject segment = new JsonObject();
        segment.addProperty("s", startMs);
        segment.addProperty("d", durMs);
        segment.add("m", meta == null ? new JsonObject() : meta.deepCopy());
        return segment;
    }

    private static JsonObject copyOf(JsonObject draft) {
        JsonObject copy = Objects.requireNonNull(draft, "draft may not be null").deepCopy();
        if (!copy.has("t") || !copy.get("t").isJsonArray()) {
            copy.add("t", new JsonArray());
        }
        return copy;
    }

    private static JsonArray tracks(JsonObject draft) {
        return draft.getAsJsonArray("t");
    }

    private static JsonObject findTrack(JsonObject draft, int trackType) {
        for (JsonElement track : tracks(draft)) {
            if (isTrackOfType(track, trackType)) {
                return track.getAsJsonObject();
            }
        }
        return null;
    }

    private static boolean isTrackOfType(JsonElement track, int trackType) {
        if (!track.isJsonObject()) {
            return false;
        }
        JsonElement tt = track.getAsJsonObject().get("tt");
        return tt != null && tt.isJsonPrimitive() && tt.getAsJsonPrimitive().isNumber() && tt.getAsInt() == trackType;
    }
}
