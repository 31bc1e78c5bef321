package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.io.IOException;

/** {@code POST /api/auth/anonymous-token}: one token per client id (unless the quota is off). */
final class TokenEndpoint {

    private TokenEndpoint() {
    }

    static void issue(Call call) throws IOException {
        String clientId = call.header("X-Client-Id");
        if (clientId == null || clientId.isBlank()) {
            call.json(400, Json.error(400, "missing X-Client-Id"));
            return;
        }
        SimContext context = call.context();
        Tokens.Issued issued = context.tokens().issue(clientId.trim(), context.settings().tokenQuota());
        if (issued == null) {
            call.json(429, Json.error(429, "rate limited: one anonymous token per client id per 7 days"));
            return;
        }
        JsonObject data = new JsonObject();
        data.addProperty("token", issued.token());
        data.addProperty("user_id", issued.userId());
        data.addProperty("expires_at", issued.expiresAt().toString());
        data.addProperty("credits", context.settings().balance().available());
        call.data(data);
    }
}
