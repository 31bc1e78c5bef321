package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.io.IOException;

/** {@code GET /api/credits/balance/simple}. */
final class CreditsEndpoint {

    private CreditsEndpoint() {
    }

    static void balance(Call call) throws IOException {
        Balance balance = call.context().settings().balance();
        JsonObject data = new JsonObject();
        data.addProperty("available", balance.available());
        data.addProperty("frozen", balance.frozen());
        data.addProperty("total", balance.total());
        call.data(data);
    }
}
