package io.nemobot.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request as the simulator received it.
 *
 * @param endpoint the endpoint it matched ({@link Endpoint#OTHER} for unknown paths)
 * @param method the HTTP method
 * @param path the decoded request path (no query)
 * @param headers headers with lower-case names; repeated headers joined with ", "
 * @param body the body for JSON (non-multipart) requests, null for multipart or empty bodies
 * @param receivedAtNanos {@link System#nanoTime()} when the request line and headers were read
 */
public record RecordedRequest(
        Endpoint endpoint, String method, String path, Map<String, String> headers, String body,
        long receivedAtNanos) {

    public RecordedRequest {
        Objects.requireNonNull(endpoint, "endpoint may not be null");
        Objects.requireNonNull(method, "method may not be null");
        Objects.requireNonNull(path, "path may not be null");
        Objects.requireNonNull(headers, "headers may not be null");
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
    }

    /** The header's value (case-insensitive name), or null when absent. */
    public String header(String name) {
        Objects.requireNonNull(name, "name may not be null");
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body parsed as a JSON object, or null when there is none or it is not an object. */
    public JsonObject json() {
        if (body == null) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(body);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + endpoint + ")";
    }
}
