package io.nemobot.words;

import io.nemobot.nemo.Draft;
import io.nemobot.nemo.DraftSegment;
import io.nemobot.nemo.DraftTrack;
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
    public static boolean ready(Draft draft) {
        return draft != null && draft.tracks().stream().anyMatch(t -> !t.segments().isEmpty());
    }

    public static Timeline of(Draft draft, Messages words) {
        List<Track> out = new ArrayList<>();
        for (DraftTrack t : draft.tracks()) {
            if (!t.segments().isEmpty()) {
                out.add(track(t, words));
            }
        }
        return new Timeline(out);
    }

    private static Track track(DraftTrack track, Messages words) {
        List<DraftSegment> segments = track.segments();
        long start = Long.MAX_VALUE;
        long end = 0;
        for (DraftSegment seg : segments) {
            start = Math.min(start, seg.startMs());
            end = Math.max(end, seg.endMs());
        }
        DraftSegment first = segments.get(0);
        String kind = kind(track, first);
        String label;
        if (segments.size() > 1 && !"title".equals(kind) && !"text".equals(kind)) {
            label = words.get("track.clips", "count", segments.size());
        } else {
            label = readable(first.label().orElse(null));
            if (("title".equals(kind) || "text".equals(kind)) && label != null) {
                label = "\"" + label + "\"";
            }
        }
        if (label == null || label.isBlank()) {
            label = "—";
        }
        return new Track(kind, label, start == Long.MAX_VALUE ? 0 : start, end, first.volumePercent().orElse(null));
    }

    private static String kind(DraftTrack track, DraftSegment first) {
        String role = first.role().orElse("").toLowerCase(Locale.ROOT);
        switch (track.type()) {
            case VIDEO:
                return "video";
            case AUDIO: {
                String hint = role + " " + track.name().orElse("").toLowerCase(Locale.ROOT);
                return hint.contains("voice") || hint.contains("narration") || hint.contains("sfx") ? "audio" : "bgm";
            }
            case TEXT:
                return role.contains("caption") || role.contains("subtitle") || role.contains("text") ? "text" : "title";
            default:
                return "other";
        }
    }

    /** A URL shows as its file name; a long label is cut. */
    private static String readable(String label) {
        if (label != null && (label.startsWith("http://") || label.startsWith("https://"))) {
            String path = label.replaceAll("[?#].*$", "");
            label = path.substring(path.lastIndexOf('/') + 1);
        }
        if (label != null && label.length() > 60) {
            label = label.substring(0, 57) + "…";
        }
        return label;
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
    public static String describeChanges(Draft before, Draft after, Messages words) {
        Draft old = before == null ? Draft.none() : before;
        if (old.equals(after)) {
            return null;
        }
        Timeline was = Timeline.of(old, words);
        Timeline now = Timeline.of(after, words);
        List<String> changes = now.changesSince(was, words);
        if (changes.isEmpty()) {
            return old.isNone() ? null : now.summary(words);
        }
        return String.join("; ", changes);
    }
}
