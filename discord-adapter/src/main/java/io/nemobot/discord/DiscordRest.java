package io.nemobot.discord;

import io.nemobot.chat.ChatPlatformException;
import java.io.IOException;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few channel-message calls the outgoing port needs, made with the bot token straight against
 * Discord's REST API. JDA can only send to channels in its cache, and a thread the core writes to
 * after a restart (a render that finished overnight, an archived thread) may not be there; these
 * calls need nothing but the channel id. Each call blocks and maps refusals through {@link RestErrors}.
 */
final class DiscordRest {
    private static final Logger log = LoggerFactory.getLogger(DiscordRest.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");
    private static final String USER_AGENT = "DiscordBot (https://github.com/nemo-bot/nemo-bot, 0.1.0)";

    private final OkHttpClient http;
    private final HttpUrl base;
    private final String authorization;

    DiscordRest(OkHttpClient http, String baseUrl, String token) {
        this.http = http;
        this.base = HttpUrl.get(baseUrl);
        this.authorization = "Bot " + token;
    }

    /** Posts a message and returns its id. */
    String createMessage(String channelId, DataObject body) {
        Request request = request(channelId, "messages").post(RequestBody.create(body.toJson(), JSON)).build();
        return execute(request, "post", channelId).getString("id");
    }

    /** Replaces the content of one of the bot's messages. */
    void editMessage(String channelId, String messageId, DataObject body) {
        Request request = request(channelId, "messages", snowflake(messageId, "messageId"))
                .patch(RequestBody.create(body.toJson(), JSON)).build();
        execute(request, "edit", channelId);
    }

    /** Starts the typing indicator (it lasts about ten seconds). Fire and forget: failures are only logged. */
    void triggerTyping(String channelId) {
        Request request = request(channelId, "typing").post(RequestBody.create(new byte[0], null)).build();
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                log.debug("typing indicator failed in channel {}: {}", channelId, e.toString());
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    if (!response.isSuccessful()) {
                        log.debug("typing indicator refused in channel {}: HTTP {}", channelId, response.code());
                    }
                }
            }
        });
    }

    private Request.Builder request(String channelId, String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegment("channels")
                .addPathSegment(snowflake(channelId, "channelId"));
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return new Request.Builder().url(url.build())
                .header("Authorization", authorization)
                .header("User-Agent", USER_AGENT);
    }

    private DataObject execute(Request request, String what, String channelId) {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.isSuccessful()) {
                return text.isBlank() ? DataObject.empty() : DataObject.fromJson(text);
            }
            ChatPlatformException refusal = RestErrors.toException(response.code(), text,
                    response.header("Retry-After"));
            log.debug("Discord refused {} in channel {}: HTTP {} ({})", what, channelId, response.code(),
                    refusal.kind());
            throw refusal;
        } catch (IOException e) {
            throw new ChatPlatformException(ChatPlatformException.Kind.OTHER,
                    "Discord unreachable during " + what + ": " + e.getMessage(), null, e);
        }
    }

    private static String snowflake(String id, String field) {
        if (id == null || !SNOWFLAKE.matcher(id).matches()) {
            throw new IllegalArgumentException(field + " must be a Discord id (digits): " + id);
        }
        return id;
    }
}
