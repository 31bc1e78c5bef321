package io.nemobot.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * {@code POST /run_sse}: checks the session and the credits, then plays the next turn (queued for
 * the session, queued for anyone, the default turn, or the demo) as an event stream.
 */
final class ChatEndpoint {

    private ChatEndpoint() {
    }

    static void chat(Call call) throws IOException {
        JsonObject body = call.json();
        String sessionId = Json.string(body, "session_id");
        if (sessionId == null) {
            call.json(400, Json.error(400, "session_id is required"));
            return;
        }
        SimContext context = call.context();
        if (!context.sessions().exists(sessionId)) {
            call.code(1002, "session not found");
            return;
        }
        if (context.settings().balance().available() <= 0) {
            call.code(2001, "insufficient credits");
            return;
        }
        String text = messageText(body);
        Turn turn = nextTurn(context, sessionId, text);
        context.recorder().chat(new ChatMessage(sessionId, text));
        context.settings().charge(context.settings().creditsPerTurn()); // charged once the message is accepted
        Playback.play(call, turn, sessionId);
    }

    private static Turn nextTurn(SimContext context, String sessionId, String text) {
        Turn queued = context.turns().next(sessionId);
        if (queued != null) {
            return queued;
        }
        java.util.function.Function<String, Turn> byText = context.settings().turnByText();
        Turn picked = byText == null ? null : byText.apply(text);
        if (picked != null) {
            return picked;
        }
        Turn fallback = context.settings().defaultTurn();
        if (fallback != null) {
            return fallback;
        }
        return DemoTurns.reply(text, context.sessions().draft(sessionId), context.settings().demoPace());
    }

    /** The text parts of {@code new_message}, concatenated ("" when there are none). */
    static String messageText(JsonObject body) {
        StringBuilder text = new StringBuilder();
        JsonElement message = body.get("new_message");
        if (message == null || !message.isJsonObject()) {
            return "";
        }
        JsonElement parts = message.getAsJsonObject().get("parts");
        if (parts == null || !parts.isJsonArray()) {
            return "";
        }
        for (JsonElement part : parts.getAsJsonArray()) {
            String piece = part.isJsonObject() ? Json.string(part.getAsJsonObject(), "text") : null;
            if (piece != null) {
                text.append(piece);
            }
        }
        return text.toString();
    }
}
