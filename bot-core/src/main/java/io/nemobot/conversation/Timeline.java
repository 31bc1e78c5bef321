package io.nemobot.conversation;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.nemobot.nemo.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A draft as users see it: the track summary of the seeds
 * ({@code Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)})
 * and the sentence describing what changed between two drafts. Missing fields never break it.
 */
public final class Timeline {
    /** One track: its kind (a message key suffix), what it holds, and when. */
    public record Track(String kind, String label, long startMs, long endMs, Integer volumePercent) {
        String describe(Messages words) {
            StringBuilder s = new StringBuilder(label);
            s.append(" (").append(seconds(startMs)).append('-').append(seconds(endMs)).append('s');
            if (volumePercent != null) {
                s.append(", ").append(volumePercent).append('%');
            }
            return s.append(')').toString();
        }
    }

    private final List<Track> tracks;

    private Timeline(List<Track> tracks) {
        this.tracks = List.copyOf(tracks);
    }

    public List<Track> tracks() {
        return tracks;
    }

    /** Ready to export: at least one track with at least one segment. */
    public static boolean ready(JsonObject draft) {
        JsonArray t = Json.array(draft, "t");
        if (t == null) {
            return false;
        }
        for (JsonElement track : t) {
            if (track.isJsonObject()) {
                JsonArray sg = Json.array(track.getAsJsonObject(), "sg");
                if (sg != null && !sg.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    public static Timeline of(JsonObject draft, Messages words) {
        List<Track> out = new ArrayList<>();
        JsonArray t = Json.array(draft, "t");
        if (t != null) {
            for (JsonElement e : t) {
                if (e.isJsonObject()) {
                    Track track = track(e.getAsJsonObject(), words);
                    if (track != null) {
                        out.add(track);
                    }
                }
            }
        }
        return new Timeline(out);
    }

    private static Track track(JsonObject track, Messages words) {
        JsonArray sg = Json.array(track, "sg");
        if (sg == null || sg.isEmpty()) {
            return null;
        }
        int type = (int) Json.number(track, "tt", -1);
        List<JsonObject> segments = new ArrayList<>();
        for (JsonElement e : sg) {
            if (e.isJsonObject()) {
                segments.add(e.getAsJsonObject());
            }
        }
        if (segments.isEmpty()) {
            return null;
        }
        long start = Long.MAX_VALUE;
        long end = 0;
        long cursor = 0;
        for (JsonObject seg : segments) {
            long s = (long) firstNumber(seg, cursor, "s", "st", "start", "startMs");
            long d = (long) firstNumber(seg, 0, "d", "duration", "dur");
            start = Math.min(start, s);
            end = Math.max(end, s + d);
            cursor = s + d;
        }
        JsonObject first = segments.get(0);
        JsonObject meta = Json.object(first, "m");
        if (meta == null) {
            meta = Json.object(track, "m");
        }
        String kind = kind(type, meta, track);
        String label;
        if (segments.size() > 1 && !"title".equals(kind) && !"text".equals(kind)) {
            label = words.get("track.clips", "count", segments.size());
        } else {
            label = labelOf(meta, first);
            if (("title".equals(kind) || "text".equals(kind)) && label != null) {
                label = "\"" + label + "\"";
            }
        }
        if (label == null || label.isBlank()) {
            label = "—";
        }
        Integer volume = null;
        if (meta != null && meta.has("volume")) {
            double v = Json.number(meta, "volume", -1);
            if (v >= 0) {
                volume = (int) Math.round(v <= 1.0 ? v * 100 : v);
            }
        }
        return new Track(kind, label, start == Long.MAX_VALUE ? 0 : start, end, volume);
    }

    private static String kind(int type, JsonObject meta, JsonObject track) {
        switch (type) {
            case 0:
                return "video";
            case 1: {
                String hint = (String.valueOf(Json.firstString(meta, "role", "type", "kind")) + " "
                        + String.valueOf(Json.firstString(track, "name", "role"))).toLowerCase(Locale.ROOT);
                return hint.contains("voice") || hint.contains("narration") || hint.contains("sfx") ? "audio" : "bgm";
            }
            case 7: {
                String hint = String.valueOf(Json.firstString(meta, "role", "type", "kind")).toLowerCase(Locale.ROOT);
                return hint.contains("caption") || hint.contains("subtitle") || hint.contains("text") ? "text" : "title";
            }
            default:
                return "other";
        }
    }

    private static String labelOf(JsonObject meta, JsonObject segment) {
        String label = Json.firstString(meta, "text", "title", "name", "label", "prompt", "description", "src", "url");
        if (label == null) {
            label = Json.firstString(segment, "text", "name", "src", "url");
        }
        if (label != null && (label.startsWith("http://") || label.startsWith("https://"))) {
            String path = label.replaceAll("[?#].*$", "");
            label = path.substring(path.lastIndexOf('/') + 1);
        }
        if (label != null && label.length() > 60) {
            label = label.substring(0, 57) + "…";
        }
        return label;
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

    private static String seconds(long ms) {
        if (ms % 1000 == 0) {
            return String.valueOf(ms / 1000);
        }
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    /** The seeds' one-line summary. */
    public String summary(Messages words) {
        if (tracks.isEmpty()) {
            return words.get("timeline.empty");
        }
        StringBuilder s = new StringBuilder(tracks.size() == 1 ? words.get("timeline.header.one")
                : words.get("timeline.header", "count", tracks.size()));
        for (int i = 0; i < tracks.size(); i++) {
            Track t = tracks.get(i);
            s.append(' ').append(i + 1).append(". ").append(words.get("track." + t.kind())).append(": ")
                    .append(t.describe(words));
        }
        return s.toString();
    }

    /** What changed from {@code before} to this, one clause per change; empty when nothing did. */
    public List<String> changesSince(Timeline before, Messages words) {
        List<String> changes = new ArrayList<>();
        List<Track> old = new ArrayList<>(before.tracks);
        List<Track> unmatched = new ArrayList<>();
        for (Track t : tracks) {
            if (old.remove(t)) {
                continue;
            }
            unmatched.add(t);
        }
        for (Track t : unmatched) {
            Track previous = old.stream().filter(o -> o.kind().equals(t.kind())).findFirst().orElse(null);
            String kind = words.get("track." + t.kind());
            if (previous != null) {
                old.remove(previous);
                changes.add(words.get("change.changed", "kind", kind, "what", t.describe(words)));
            } else {
                changes.add(words.get("change.added", "kind", kind, "what", t.describe(words)));
            }
        }
        for (Track t : old) {
            changes.add(words.get("change.removed", "kind", words.get("track." + t.kind()), "what", t.describe(words)));
        }
        return changes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timeline other && other.tracks.equals(tracks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tracks);
    }

    /**
     * "Title added: …; BGM changed: …", or null when the drafts show no change. A {@code before} that
     * is null or empty (a session made for this turn, or a state that could not be read) counts as a
     * timeline without tracks: only tracks that appeared are a change.
     */
    static String describeChanges(JsonObject before, JsonObject after, Messages words) {
        JsonObject old = before == null ? new JsonObject() : before;
        if (old.equals(after)) {
            return null;
        }
        Timeline was = Timeline.of(old, words);
        Timeline now = Timeline.of(after, words);
        List<String> changes = now.changesSince(was, words);
        if (changes.isEmpty()) {
            return old.size() == 0 ? null : now.summary(words);
        }
        return String.join("; ", changes);
    }
}
