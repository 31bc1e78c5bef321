package io.nemobot.slack.inbound;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.files.SlackFile;
import io.nemobot.slack.outbound.SlackChatPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads {@code message} and {@code app_mention} events and decides which ones are for the bot:
 * every human message in a DM (a top-level DM opens a new conversation; a reply continues its
 * thread), a mention in a channel (the thread under it becomes the conversation), and every human
 * message in a channel thread the bot holds. Bots (including this one), edits, deletions and other
 * system subtypes never are. In channels, a message that mentions the bot is taken from its
 * {@code app_mention} event only, so one message is delivered once.
 */
final class MessageTranslator {
    /** Subtypes a person's own message can carry; every other subtype is Slack or a bot talking. */
    private static final Set<String> HUMAN_SUBTYPES = Set.of("file_share", "thread_broadcast");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|[^>]*)?>");

    private final Predicate<ThreadKey> isConversation;

    MessageTranslator(Predicate<ThreadKey> isConversation) {
        this.isConversation = isConversation;
    }

    Optional<SlackMessage> fromMessage(String team, String botUserId, JsonObject event) {
        if (!human(event, botUserId)) {
            return Optional.empty();
        }
        String channel = string(event, "channel").orElse("");
        String ts = string(event, "ts").orElse("");
        Optional<String> threadTs = string(event, "thread_ts");
        if (channel.isEmpty() || ts.isEmpty()) {
            return Optional.empty();
        }
        boolean direct = string(event, "channel_type").map("im"::equals).orElse(channel.startsWith("D"));
        if (direct) {
            return Optional.of(message(team, channel, threadTs.orElse(ts), ts, botUserId, event, false));
        }
        if (mentions(event, botUserId) || threadTs.isEmpty()) {
            return Optional.empty();
        }
        ThreadKey thread = key(team, channel, threadTs.get());
        return isConversation.test(thread)
                ? Optional.of(message(team, channel, threadTs.get(), ts, botUserId, event, false))
                : Optional.empty();
    }

    Optional<SlackMessage> fromMention(String team, String botUserId, JsonObject event) {
        if (!human(event, botUserId)) {
            return Optional.empty();
        }
        Optional<String> channel = string(event, "channel");
        Optional<String> ts = string(event, "ts");
        if (channel.isEmpty() || ts.isEmpty()) {
            return Optional.empty();
        }
        String thread = string(event, "thread_ts").orElse(ts.get());
        return Optional.of(message(team, channel.get(), thread, ts.get(), botUserId, event, true));
    }

    static ThreadKey key(String team, String channel, String threadTs) {
        return new ThreadKey(SlackChatPlatform.NAME, team, channel, threadTs);
    }

    /** The event id of one Slack message, the same for every delivery of it. */
    static String eventId(String team, String channel, String ts) {
        return "slack:" + team + ":" + channel + ":" + ts;
    }

    private SlackMessage message(String team, String channel, String threadTs, String ts, String botUserId,
            JsonObject event, boolean mention) {
        String user = string(event, "user").orElseThrow();
        Author author = Author.human(user, displayName(event).orElse(user));
        String text = clean(string(event, "text").orElse(""), botUserId);
        return new SlackMessage(key(team, channel, threadTs), author, text, files(event), eventId(team, channel, ts),
                mention, SlackTs.instant(ts));
    }

    private static boolean human(JsonObject event, String botUserId) {
        Optional<String> user = string(event, "user");
        Optional<String> subtype = string(event, "subtype");
        return user.isPresent()
                && !user.get().equals(botUserId)
                && string(event, "bot_id").isEmpty()
                && (subtype.isEmpty() || HUMAN_SUBTYPES.contains(subtype.get()))
                && !(event.has("hidden") && event.get("hidden").getAsBoolean());
    }

    private static boolean mentions(JsonObject event, String botUserId) {
        return botUserId != null && string(event, "text").orElse("").contains("<@" + botUserId + ">");
    }

    /** Slack's wire text as the user typed it: the bot's mention gone, links bare, escapes undone. */
    static String clean(String text, String botUserId) {
        String cleaned = botUserId == null ? text : text.replace("<@" + botUserId + ">", "");
        cleaned = LINK.matcher(cleaned).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1).startsWith("mailto:") ? m.group(1).substring("mailto:".length()) : m.group(1)));
        return cleaned.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }

    private static Optional<String> displayName(JsonObject event) {
        JsonElement profile = event.get("user_profile");
        if (profile == null || !profile.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject p = profile.getAsJsonObject();
        return string(p, "display_name").or(() -> string(p, "real_name")).or(() -> string(p, "name"));
    }

    private static List<SlackFile> files(JsonObject event) {
        JsonElement files = event.get("files");
        if (files == null || !files.isJsonArray()) {
            return List.of();
        }
        List<SlackFile> result = new ArrayList<>();
        for (JsonElement file : (JsonArray) files) {
            if (file.isJsonObject()) {
                SlackFile.fromJson(file.getAsJsonObject()).ifPresent(result::add);
            }
        }
        return result;
    }

    static Optional<String> string(JsonObject object, String field) {
        JsonElement value = object == null ? null : object.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        String text = value.getAsString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
