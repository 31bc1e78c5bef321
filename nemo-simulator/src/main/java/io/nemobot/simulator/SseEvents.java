package io.nemobot.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** Builds the JSON of each event of one stream, in its family; numbers events and tool calls. */
final class SseEvents {

    private static final String AUTHOR = "nemo_agent";

    private final SseFamily family;
    private final String invocationId;
    private final Map<String, String> callIds = new HashMap<>();
    private int events;
    private int calls;

    SseEvents(SseFamily family, String invocationId) {
        this.family = family;
        this.invocationId = invocationId;
    }

    JsonObject text(String text, boolean partial) {
        if (family == SseFamily.TYPED) {
            return typed("text", "content", text);
        }
        JsonObject part = new JsonObject();
        part.addProperty("text", text);
        return agent(part, "model", partial);
    }

    JsonObject thought(String text) {
        if (family == SseFamily.TYPED) {
            return typed("thought", "content", text);
        }
        JsonObject part = new JsonObject();
        part.addProperty("text", text);
        part.addProperty("thought", true);
        return agent(part, "model", false);
    }

    JsonObject toolCall(String name, JsonObject args) {
        if (family == SseFamily.TYPED) {
            JsonObject event = typed("tool_call", "name", name);
            event.add("args", args.deepCopy());
            return event;
        }
        String id = "c" + (++calls);
        callIds.put(name, id);
        JsonObject call = new JsonObject();
        call.addProperty("id", id);
        call.addProperty("name", name);
        call.add("args", args.deepCopy());
        JsonObject part = new JsonObject();
        part.add("functionCall", call);
        return agent(part, "model", false);
    }

    JsonObject toolResult(String name, JsonObject result) {
        if (family == SseFamily.TYPED) {
            JsonObject event = typed("tool_result", "name", name);
            event.add("result", result.deepCopy());
            return event;
        }
        String id = callIds.computeIfAbsent(name, n -> "c" + (++calls));
        JsonObject response = new JsonObject();
        response.addProperty("id", id);
        response.addProperty("name", name);
        response.add("response", result.deepCopy());
        JsonObject part = new JsonObject();
        part.add("functionResponse", response);
        return agent(part, "user", false);
    }

    JsonObject heartbeat() {
        if (family == SseFamily.TYPED) {
            JsonObject event = new JsonObject();
            event.addProperty("type", "heartbeat");
            return event;
        }
        return header();
    }

    static JsonObject error(String message) {
        JsonObject event = new JsonObject();
        event.addProperty("error", message);
        return event;
    }

    static JsonObject errorCode(String code, String message) {
        JsonObject event = new JsonObject();
        event.addProperty("errorCode", code);
        event.addProperty("errorMessage", message);
        return event;
    }

    static JsonObject unknown() {
        JsonObject event = new JsonObject();
        event.addProperty("type", "mystery");
        event.addProperty("x", 1);
        return event;
    }

    /** The first half of an agent event, for a stream cut mid-event. */
    String halfEvent() {
        String whole = Json.write(text("this event never ends", true));
        return "data: " + whole.substring(0, whole.length() / 2);
    }

    private static JsonObject typed(String type, String member, String value) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        event.addProperty(member, value);
        return event;
    }

    private JsonObject agent(JsonObject part, String role, boolean partial) {
        JsonArray parts = new JsonArray();
        parts.add(part);
        JsonObject content = new JsonObject();
        content.addProperty("role", role);
        content.add("parts", parts);
        JsonObject event = header();
        if (partial) {
            event.addProperty("partial", true);
        }
        event.add("content", content);
        return event;
    }

    private JsonObject header() {
        JsonObject event = new JsonObject();
        event.addProperty("id", "e" + (++events));
        event.addProperty("invocationId", invocationId);
        event.addProperty("author", AUTHOR);
        return event;
    }
}
