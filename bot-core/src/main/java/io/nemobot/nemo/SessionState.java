package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The session's latest state. Every part may be missing; accessors return empty JSON then.
 *
 * @param draft          the timeline, short keys ({@code t}, {@code tt}, {@code sg}, {@code d}, {@code m})
 * @param generatedMedia media the backend made or received
 * @param bindId         an id for the registration link ({@code ?bind=}) when the reply carried one
 */
public record SessionState(JsonObject draft, JsonArray generatedMedia, String bindId) {
    public SessionState {
        draft = draft == null ? new JsonObject() : draft;
        generatedMedia = generatedMedia == null ? new JsonArray() : generatedMedia;
    }

    static SessionState from(JsonObject payload) {
        JsonObject state = Json.object(payload, "state");
        if (state == null) {
            state = payload;
        }
        JsonObject draft = Json.object(state, "draft");
        JsonArray media = Json.array(state, "generated_media");
        String bind = Json.firstString(payload, "user_id", "bind_id");
        if (bind == null) {
            bind = Json.firstString(state, "user_id", "bind_id");
        }
        return new SessionState(draft, media, bind);
    }
}
