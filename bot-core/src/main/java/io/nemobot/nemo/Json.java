package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Lenient field access: a missing or differently typed field is null, never an exception. */
final class Json {
    private Json() {
    }

    static String string(JsonObject o, String field) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        return null;
    }

    static JsonObject object(JsonObject o, String field) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(field);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static JsonArray array(JsonObject o, String field) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(field);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : null;
    }

    /** A number field, or the fallback when missing or not numeric. */
    static double number(JsonObject o, String field, double fallback) {
        if (o == null) {
            return fallback;
        }
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            return fallback;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** The first present string among the fields. */
    static String firstString(JsonObject o, String... fields) {
        for (String f : fields) {
            String s = string(o, f);
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }
}
