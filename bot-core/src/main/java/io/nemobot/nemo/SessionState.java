package io.nemobot.nemo;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * The session's latest state, as far as the bot uses it.
 *
 * @param draft  the timeline ({@link Draft#none()} when the reply had none)
 * @param bindId an id for the registration link ({@code ?bind=}) when the reply carried one, else null
 */
public record SessionState(Draft draft, String bindId) {
    public SessionState {
        Objects.requireNonNull(draft, "draft may not be null (use Draft.none())");
    }

    static SessionState from(JsonObject payload) {
        JsonObject state = Json.object(payload, "state");
        if (state == null) {
            state = payload;
        }
        String bind = Json.firstString(payload, "user_id", "bind_id");
        if (bind == null) {
            bind = Json.firstString(state, "user_id", "bind_id");
        }
        return new SessionState(Draft.of(Json.object(state, "draft")), bind);
    }
}
