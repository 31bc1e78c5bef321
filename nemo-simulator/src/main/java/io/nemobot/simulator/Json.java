package io.nemobot.simulator;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/** JSON plumbing shared by the handlers: one Gson, envelopes, tolerant parsing. */
final class Json {

    /** No HTML escaping: "I'll" stays "I'll" on the wire, as a real server writes it. */
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {
    }

    static String write(JsonElement element) {
        return GSON.toJson(element);
    }

    static byte[] bytes(JsonElement element) {
        return write(element).getBytes(StandardCharsets.UTF_8);
    }

    /** The text parsed as an object, or null when it is absent, invalid or not an object. */
    static JsonObject parseObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code {"code":0,"message":"ok","data":data}}. */
    static JsonObject envelope(JsonElement data) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("code", 0);
        envelope.addProperty("message", "ok");
        envelope.add("data", data);
        return envelope;
    }

    /** {@code {"code":code,"message":message}}. */
    static JsonObject error(int code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        return error;
    }

    /** {@code {"success":false,"error":error}}. */
    static JsonObject failure(String error) {
        JsonObject failure = new JsonObject();
        failure.addProperty("success", false);
        failure.addProperty("error", error);
        return failure;
    }

    /** {@code {"success":true,"data":data}} (no data when null). */
    static JsonObject success(JsonElement data) {
        JsonObject success = new JsonObject();
        success.addProperty("success", true);
        if (data != null) {
            success.add("data", data);
        }
        return success;
    }

    /** The string member, or null when absent or not a string. */
    static String string(JsonObject object, String member) {
        if (object == null) {
            return null;
        }
        JsonElement element = object.get(member);
        return element != null && element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                ? element.getAsString() : null;
    }
}
