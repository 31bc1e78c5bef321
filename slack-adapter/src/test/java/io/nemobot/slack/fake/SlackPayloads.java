package io.nemobot.slack.fake;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-data builders for what Slack sends: event envelopes, slash commands, button clicks. */
public final class SlackPayloads {
    private static final AtomicInteger EVENT_IDS = new AtomicInteger();

    private SlackPayloads() {
    }

    /** A fresh event envelope around the event. */
    public static String envelope(JsonObject event) {
        return envelope("Ev" + String.format("%08d", EVENT_IDS.incrementAndGet()), event);
    }

    public static String envelope(String eventId, JsonObject event) {
        JsonObject json = new JsonObject();
        json.addProperty("token", "legacy-verification-token-unused");
        json.addProperty("team_id", FakeSlack.TEAM);
        json.addProperty("api_app_id", "A0FAKE");
        json.add("event", event);
        json.addProperty("type", "event_callback");
        json.addProperty("event_id", eventId);
        json.addProperty("event_time", 1700000000);
        JsonArray authorizations = new JsonArray();
        JsonObject auth = new JsonObject();
        auth.addProperty("team_id", FakeSlack.TEAM);
        auth.addProperty("user_id", FakeSlack.BOT_USER);
        auth.addProperty("is_bot", true);
        authorizations.add(auth);
        json.add("authorizations", authorizations);
        return json.toString();
    }

    /** A person's message in a channel ({@code channel_type} channel) or DM (channel ids starting with D). */
    public static JsonObject message(String channel, String user, String text, String ts, String threadTs) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "message");
        event.addProperty("channel", channel);
        event.addProperty("user", user);
        event.addProperty("text", text);
        event.addProperty("ts", ts);
        event.addProperty("event_ts", ts);
        event.addProperty("channel_type", channel.startsWith("D") ? "im" : "channel");
        if (threadTs != null) {
            event.addProperty("thread_ts", threadTs);
        }
        return event;
    }

    public static JsonObject mention(String channel, String user, String text, String ts, String threadTs) {
        JsonObject event = message(channel, user, text, ts, threadTs);
        event.addProperty("type", "app_mention");
        event.remove("channel_type");
        return event;
    }

    /** A message with files ({@code subtype: file_share}). */
    public static JsonObject fileShare(String channel, String user, String text, String ts, String threadTs,
            JsonObject... files) {
        JsonObject event = message(channel, user, text, ts, threadTs);
        event.addProperty("subtype", "file_share");
        JsonArray array = new JsonArray();
        for (JsonObject file : files) {
            array.add(file);
        }
        event.add("files", array);
        return event;
    }

    public static JsonObject assistantThreadStarted(String channel, String user, String threadTs) {
        JsonObject thread = new JsonObject();
        thread.addProperty("user_id", user);
        thread.addProperty("channel_id", channel);
        thread.addProperty("thread_ts", threadTs);
        JsonObject context = new JsonObject();
        context.addProperty("channel_id", "C0ORIGIN");
        context.addProperty("team_id", FakeSlack.TEAM);
        thread.add("context", context);
        JsonObject event = new JsonObject();
        event.addProperty("type", "assistant_thread_started");
        event.add("assistant_thread", thread);
        event.addProperty("event_ts", threadTs);
        return event;
    }

    /** A slash command's form body. */
    public static String command(String channel, String user, String text, String triggerId, String responseUrl) {
        return form(Map.ofEntries(
                Map.entry("token", "legacy-verification-token-unused"),
                Map.entry("team_id", FakeSlack.TEAM),
                Map.entry("team_domain", "fake"),
                Map.entry("channel_id", channel),
                Map.entry("channel_name", "video"),
                Map.entry("user_id", user),
                Map.entry("user_name", "ana"),
                Map.entry("command", "/nemo"),
                Map.entry("text", text),
                Map.entry("response_url", responseUrl),
                Map.entry("trigger_id", triggerId)));
    }

    /** A click on one button under a bot message in a thread. */
    public static String click(String channel, String messageTs, String threadTs, String user, String actionId,
            String actionTs) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        payload.addProperty("trigger_id", "trig-" + actionTs);
        payload.addProperty("api_app_id", "A0FAKE");
        payload.addProperty("token", "legacy-verification-token-unused");
        JsonObject team = new JsonObject();
        team.addProperty("id", FakeSlack.TEAM);
        team.addProperty("domain", "fake");
        payload.add("team", team);
        JsonObject u = new JsonObject();
        u.addProperty("id", user);
        u.addProperty("username", "ana");
        u.addProperty("name", "ana");
        u.addProperty("team_id", FakeSlack.TEAM);
        payload.add("user", u);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", messageTs);
        container.addProperty("channel_id", channel);
        container.addProperty("is_ephemeral", false);
        container.addProperty("thread_ts", threadTs);
        payload.add("container", container);
        JsonObject ch = new JsonObject();
        ch.addProperty("id", channel);
        ch.addProperty("name", "video");
        payload.add("channel", ch);
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("ts", messageTs);
        message.addProperty("thread_ts", threadTs);
        message.addProperty("bot_id", FakeSlack.BOT_ID);
        message.addProperty("text", "Done");
        payload.add("message", message);
        JsonArray actions = new JsonArray();
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "nemo_actions");
        action.addProperty("type", "button");
        action.addProperty("value", "export");
        action.addProperty("action_ts", actionTs);
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", "Export");
        action.add("text", text);
        actions.add(action);
        payload.add("actions", actions);
        payload.addProperty("response_url", "http://127.0.0.1:9/unused");
        return payload.toString();
    }

    public static String form(Map<String, String> fields) {
        StringJoiner joiner = new StringJoiner("&");
        for (String name : List.copyOf(fields.keySet()).stream().sorted().toList()) {
            joiner.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields.get(name), StandardCharsets.UTF_8));
        }
        return joiner.toString();
    }
}
