package io.nemobot.nemo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads the three reply shapes: the envelope {@code {"code":0,"data":{}}}, the render endpoints'
 * {@code {"success":true,"data":{}}}, and a bare object, plus plain HTTP errors with or without a
 * body. Returns the payload object or throws {@link NemoException}; unknown fields are ignored.
 */
final class ReplyParser {
    private ReplyParser() {
    }

    static JsonObject payload(int httpStatus, String body) {
        JsonObject root = parseObject(body);
        Integer code = root == null ? null : codeOf(root);
        if (httpStatus < 200 || httpStatus >= 300) {
            throw new NemoException(NemoException.kindOf(httpStatus, code), httpStatus, code,
                    "HTTP " + httpStatus + describe(root, code));
        }
        if (root == null) {
            if (body == null || body.isBlank()) {
                return new JsonObject();
            }
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, httpStatus, null, "unreadable reply");
        }
        if (code != null && code != 0) {
            throw new NemoException(NemoException.kindOf(httpStatus, code), httpStatus, code,
                    "backend code " + code + describe(root, code));
        }
        if (root.has("success") && root.get("success").isJsonPrimitive() && !root.get("success").getAsBoolean()) {
            throw new NemoException(NemoException.Kind.REFUSED, httpStatus, null, "refused" + describe(root, null));
        }
        JsonObject data = Json.object(root, "data");
        if (data != null && (code != null || root.has("success"))) {
            return data;
        }
        if (data != null && root.size() <= 3 && (root.has("message") || root.has("msg") || root.size() == 1)) {
            return data;
        }
        return root;
    }

    private static JsonObject parseObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Integer codeOf(JsonObject root) {
        JsonElement c = root.get("code");
        if (c == null || !c.isJsonPrimitive()) {
            return null;
        }
        try {
            return c.getAsInt();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(JsonObject root, Integer code) {
        if (root == null) {
            return "";
        }
        String message = Json.firstString(root, "message", "msg", "error");
        if (message == null) {
            return "";
        }
        message = message.length() > 120 ? message.substring(0, 120) + "…" : message;
        return ": " + message.replaceAll("[\\r\\n]+", " ");
    }
}
