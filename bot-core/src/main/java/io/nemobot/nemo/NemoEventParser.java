package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one SSE {@code data:} payload into events. Understands the typed family
 * ({@code {"type":"text","content":...}}) and the agent family
 * ({@code {"content":{"parts":[{"text":...}]},"partial":true}}). Never throws: unreadable data is
 * {@link NemoEvent.Ignored}.
 */
public final class NemoEventParser {
    private NemoEventParser() {
    }

    public static List<NemoEvent> parse(String data) {
        if (data == null || data.isBlank()) {
            return List.of(new NemoEvent.Heartbeat());
        }
        JsonElement element;
        try {
            element = JsonParser.parseString(data);
        } catch (RuntimeException e) {
            return List.of(new NemoEvent.Ignored("malformed json"));
        }
        if (!element.isJsonObject()) {
            return List.of(new NemoEvent.Ignored("not an object"));
        }
        JsonObject event = element.getAsJsonObject();
        String failure = failureOf(event);
        if (failure != null) {
            return List.of(new NemoEvent.Failure(failure));
        }
        if (event.has("type") && event.get("type").isJsonPrimitive()) {
            return List.of(typed(event));
        }
        return agent(event);
    }

    private static String failureOf(JsonObject event) {
        if (event.has("error") && !event.get("error").isJsonNull()) {
            JsonElement error = event.get("error");
            return error.isJsonPrimitive() ? error.getAsString() : error.toString();
        }
        // A null field is an absent one: serializers that write every field send "errorCode": null on good events.
        String message = Json.string(event, "errorMessage");
        if (message == null) {
            message = Json.string(event, "error_message");
        }
        String code = Json.string(event, "errorCode");
        if (code == null) {
            code = Json.string(event, "error_code");
        }
        if (code != null || message != null) {
            return (code == null ? "" : code + ": ") + (message == null ? "error" : message);
        }
        return null;
    }

    private static NemoEvent typed(JsonObject event) {
        String type = event.get("type").getAsString();
        switch (type) {
            case "text": {
                String content = Json.string(event, "content");
                if (content == null) {
                    content = Json.string(event, "text");
                }
                return content == null || content.isEmpty()
                        ? new NemoEvent.Heartbeat()
                        : new NemoEvent.Text(content, true, false);
            }
            case "tool_call":
            case "function_call":
                return new NemoEvent.ToolCall(nameOr(Json.string(event, "name")));
            case "tool_result":
            case "function_result":
                return new NemoEvent.ToolResult(nameOr(Json.string(event, "name")));
            case "heartbeat":
            case "ping":
                return new NemoEvent.Heartbeat();
            case "error":
                String message = Json.string(event, "content");
                return new NemoEvent.Failure(message == null ? "error" : message);
            default:
                return new NemoEvent.Ignored("unknown type " + type);
        }
    }

    private static List<NemoEvent> agent(JsonObject event) {
        boolean partial = event.has("partial") && event.get("partial").isJsonPrimitive()
                && event.get("partial").getAsBoolean();
        JsonObject content = Json.object(event, "content");
        if (content == null) {
            return List.of(new NemoEvent.Heartbeat());
        }
        JsonArray parts = Json.array(content, "parts");
        if (parts == null || parts.isEmpty()) {
            return List.of(new NemoEvent.Heartbeat());
        }
        List<NemoEvent> events = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonElement p : parts) {
            if (!p.isJsonObject()) {
                continue;
            }
            JsonObject part = p.getAsJsonObject();
            if (part.has("thought") && part.get("thought").isJsonPrimitive() && part.get("thought").getAsBoolean()) {
                events.add(new NemoEvent.Ignored("thought"));
                continue;
            }
            JsonObject call = Json.object(part, "functionCall");
            if (call == null) {
                call = Json.object(part, "function_call");
            }
            if (call != null) {
                events.add(new NemoEvent.ToolCall(nameOr(Json.string(call, "name"))));
                continue;
            }
            JsonObject response = Json.object(part, "functionResponse");
            if (response == null) {
                response = Json.object(part, "function_response");
            }
            if (response != null) {
                events.add(new NemoEvent.ToolResult(nameOr(Json.string(response, "name"))));
                continue;
            }
            String t = Json.string(part, "text");
            if (t != null) {
                text.append(t);
            }
        }
        if (text.length() > 0) {
            events.add(0, new NemoEvent.Text(text.toString(), partial, !partial));
        }
        if (events.isEmpty()) {
            events.add(new NemoEvent.Heartbeat());
        }
        return events;
    }

    private static String nameOr(String name) {
        return name == null || name.isBlank() ? "tool" : name;
    }
}
