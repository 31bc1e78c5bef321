package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.io.IOException;

/** {@code GET /api/state/nemo_agent/me/<sid>/latest}: draft, media, canvas. */
final class StateEndpoint {

    private StateEndpoint() {
    }

    static void state(Call call) throws IOException {
        JsonObject state = call.context().sessions().state(call.param(0));
        if (state == null) {
            call.code(1002, "session not found");
            return;
        }
        JsonObject data = new JsonObject();
        data.add("state", state);
        call.data(data);
    }
}
