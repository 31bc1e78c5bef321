package io.nemobot.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.chat.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A message of a reply that the text outgrew (the reply went on in the next one): it keeps its text
 * for good. Kept with an open turn so that a restart can put that text back, without the progress
 * line it may still show if the process died before it was taken off.
 *
 * @param message the adapter's handle of the message
 * @param text    the text it keeps
 */
public record SettledMessage(String message, String text) {
    public SettledMessage {
        Checks.notBlank(message, "message");
        Checks.notNull(text, "text");
    }

    /** The list as one JSON column value ({@code [{"message":…,"text":…}]}). */
    static String toJson(List<SettledMessage> messages) {
        JsonArray array = new JsonArray();
        for (SettledMessage m : messages) {
            JsonObject o = new JsonObject();
            o.addProperty("message", m.message());
            o.addProperty("text", m.text());
            array.add(o);
        }
        return array.toString();
    }

    /** The list read back from {@link #toJson}; empty for null (a row written before the column existed). */
    static List<SettledMessage> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<SettledMessage> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            out.add(new SettledMessage(o.get("message").getAsString(), o.get("text").getAsString()));
        }
        return List.copyOf(out);
    }
}
