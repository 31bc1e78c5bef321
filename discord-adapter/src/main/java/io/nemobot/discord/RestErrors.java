package io.nemobot.discord;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatPlatformException.Kind;
import java.time.Duration;
import java.util.Set;
import net.dv8tion.jda.api.exceptions.ParsingException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.data.DataObject;

/** Discord's refusals (HTTP status and JSON error code) as the core's {@link ChatPlatformException}. */
final class RestErrors {
    /** The message, thread or channel is gone, archived or locked: edits will never succeed. */
    private static final Set<ErrorResponse> GONE = Set.of(ErrorResponse.UNKNOWN_CHANNEL,
            ErrorResponse.UNKNOWN_MESSAGE, ErrorResponse.ILLEGAL_OPERATION_ARCHIVED_THREAD,
            ErrorResponse.THREAD_LOCKED);
    private static final Set<ErrorResponse> FORBIDDEN = Set.of(ErrorResponse.MISSING_ACCESS,
            ErrorResponse.MISSING_PERMISSIONS, ErrorResponse.CANNOT_SEND_TO_USER);
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    private RestErrors() {
    }

    /**
     * Maps one refused response.
     *
     * @param status     HTTP status
     * @param body       the response body (Discord's JSON error, or anything)
     * @param retryAfter the {@code Retry-After} header in seconds, or null
     */
    static ChatPlatformException toException(int status, String body, String retryAfter) {
        DataObject json = parse(body);
        int code = json.getInt("code", 0);
        String text = json.getString("message", "");
        String description = "Discord refused: HTTP " + status + (code == 0 ? "" : ", code " + code)
                + (text.isEmpty() ? "" : " " + text);
        if (status == 429) {
            return new ChatPlatformException(Kind.RATE_LIMITED, description, retryAfter(json, retryAfter), null);
        }
        ErrorResponse error = code == 0 ? ErrorResponse.SERVER_ERROR : ErrorResponse.fromCode(code);
        if (GONE.contains(error) || status == 404) {
            return new ChatPlatformException(Kind.GONE, description);
        }
        if (FORBIDDEN.contains(error) || status == 403) {
            return new ChatPlatformException(Kind.FORBIDDEN, description);
        }
        if (error == ErrorResponse.INVALID_FORM_BODY && body.contains("BASE_TYPE_MAX_LENGTH")) {
            return new ChatPlatformException(Kind.TOO_LONG, description);
        }
        return new ChatPlatformException(Kind.OTHER, description);
    }

    private static Duration retryAfter(DataObject json, String header) {
        if (json.hasKey("retry_after")) {
            return seconds(json.getDouble("retry_after", 1));
        }
        if (header != null) {
            try {
                return seconds(Double.parseDouble(header.strip()));
            } catch (NumberFormatException e) {
                return DEFAULT_RETRY;
            }
        }
        return DEFAULT_RETRY;
    }

    private static Duration seconds(double seconds) {
        return seconds <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    private static DataObject parse(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return DataObject.empty();
        }
        try {
            return DataObject.fromJson(body);
        } catch (ParsingException e) {
            return DataObject.empty();
        }
    }
}
