package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.io.IOException;

/** {@code POST /api/tasks/me/with-session/nemo_agent}: a new session with an empty draft. */
final class SessionEndpoint {

    private SessionEndpoint() {
    }

    static void create(Call call) throws IOException {
        Sessions.Created created = call.context().sessions().create(call.userId());
        JsonObject data = new JsonObject();
        data.addProperty("task_id", created.taskId());
        data.addProperty("session_id", created.sessionId());
        data.addProperty("user_id", created.userId());
        call.data(data);
    }
}
