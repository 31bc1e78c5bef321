package io.nemobot.slack.files;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.nemobot.chat.Checks;
import java.util.Optional;
import java.util.Set;

/**
 * A file as Slack describes it in a message event or {@code files.info}.
 *
 * @param id          Slack's file id
 * @param name        the file name, or empty when Slack sent only the id
 * @param size        bytes, or -1 when unknown
 * @param mimetype    as Slack reports it, or empty
 * @param downloadUrl {@code url_private_download} (falling back to {@code url_private})
 * @param mode        Slack's mode ({@code hosted}, {@code external}, {@code tombstone}, ...), or empty
 */
public record SlackFile(String id, String name, long size, String mimetype, Optional<String> downloadUrl,
        String mode) {
    /** Modes whose bytes the bot cannot fetch: deleted, hidden by a free plan's limit, or stored elsewhere. */
    private static final Set<String> UNREACHABLE = Set.of("tombstone", "hidden_by_limit", "external");

    public SlackFile {
        Checks.notBlank(id, "id");
        name = name == null ? "" : name;
        mimetype = mimetype == null ? "" : mimetype;
        downloadUrl = downloadUrl == null ? Optional.empty() : downloadUrl;
        mode = mode == null ? "" : mode;
    }

    /** Whether the metadata is complete enough to judge and fetch the file without {@code files.info}. */
    public boolean complete() {
        return !name.isBlank() && size >= 0 && downloadUrl.isPresent();
    }

    /** Whether the bytes can never be fetched (deleted, hidden, external). */
    public boolean unreachable() {
        return UNREACHABLE.contains(mode);
    }

    /** Reads one entry of a message event's {@code files} array; empty when it has no id. */
    public static Optional<SlackFile> fromJson(JsonObject file) {
        Optional<String> id = string(file, "id");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        long size = file.has("size") && file.get("size").isJsonPrimitive() ? file.get("size").getAsLong() : -1;
        Optional<String> url = string(file, "url_private_download").or(() -> string(file, "url_private"));
        return Optional.of(new SlackFile(id.get(), string(file, "name").or(() -> string(file, "title")).orElse(""),
                size, string(file, "mimetype").orElse(""), url, string(file, "mode").orElse("")));
    }

    private static Optional<String> string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        String text = value.getAsString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
