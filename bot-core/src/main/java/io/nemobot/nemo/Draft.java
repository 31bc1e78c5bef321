package io.nemobot.nemo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Objects;

/**
 * A session's draft (its timeline), read once from the backend's JSON into typed tracks. A class, not
 * a record, because it also keeps the JSON exactly as the backend sent it, unknown fields included:
 * an export must send the draft back verbatim, and two drafts are the same when the backend sent the
 * same JSON (an edit the typed view does not show is still a change). The JSON never leaves
 * this package.
 */
public final class Draft {
    private static final Draft NONE = new Draft(new JsonObject(), List.of());

    private final JsonObject wire;
    private final List<DraftTrack> tracks;

    private Draft(JsonObject wire, List<DraftTrack> tracks) {
        this.wire = wire;
        this.tracks = List.copyOf(tracks);
    }

    /** No draft: a session made a moment ago, or a state that could not be read. */
    public static Draft none() {
        return NONE;
    }

    /** Reads a draft from its JSON text (as the state endpoint returns it). */
    public static Draft parse(String json) {
        Objects.requireNonNull(json, "json may not be null");
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("json is not a draft: unreadable JSON", e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("json is not a draft: not a JSON object");
        }
        return of(root.getAsJsonObject());
    }

    /** The draft of a state reply; a missing draft is {@link #none()}. */
    static Draft of(JsonObject wire) {
        if (wire == null || wire.size() == 0) {
            return NONE;
        }
        JsonObject copy = wire.deepCopy();
        return new Draft(copy, DraftParser.tracks(copy));
    }

    /** The tracks in the draft's order, including tracks without segments. */
    public List<DraftTrack> tracks() {
        return tracks;
    }

    /** Whether there was no draft at all (see {@link #none()}), as opposed to a draft without tracks. */
    public boolean isNone() {
        return wire.size() == 0;
    }

    /** The JSON to send back to the backend (a copy: the draft stays as it was read). */
    JsonObject wire() {
        return wire.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Draft other && other.wire.equals(wire);
    }

    @Override
    public int hashCode() {
        return wire.hashCode();
    }

    /** Never the JSON: a draft can hold signed media URLs. */
    @Override
    public String toString() {
        return "Draft[" + tracks.size() + " tracks]";
    }
}
