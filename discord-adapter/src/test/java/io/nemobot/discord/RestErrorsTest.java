package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatPlatformException.Kind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestErrorsTest {
    @Test
    void rateLimitsTakeTheBodysRetryAfterElseTheHeaders() {
        assertEquals(Optional.of(Duration.ofMillis(350)),
                RestErrors.toException(429, "{\"retry_after\":0.35,\"global\":true}", "1").retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                RestErrors.toException(429, "<html>cloudflare</html>", "2").retryAfter());
        assertEquals(Optional.of(Duration.ofSeconds(1)), RestErrors.toException(429, "", null).retryAfter());
    }

    @Test
    void goneForbiddenTooLongAndTheRest() {
        assertEquals(Kind.GONE, kind(404, "{\"code\":10008,\"message\":\"Unknown Message\"}"));
        assertEquals(Kind.GONE, kind(404, "{\"code\":10003,\"message\":\"Unknown Channel\"}"));
        assertEquals(Kind.GONE, kind(400, "{\"code\":50083,\"message\":\"Thread is archived\"}"));
        assertEquals(Kind.GONE, kind(403, "{\"code\":160005,\"message\":\"Thread is locked\"}"));
        assertEquals(Kind.FORBIDDEN, kind(403, "{\"code\":50013,\"message\":\"Missing Permissions\"}"));
        assertEquals(Kind.FORBIDDEN, kind(403, "{\"code\":50001,\"message\":\"Missing Access\"}"));
        assertEquals(Kind.FORBIDDEN, kind(403, ""));
        assertEquals(Kind.TOO_LONG, kind(400, "{\"code\":50035,\"errors\":{\"content\":{\"_errors\":"
                + "[{\"code\":\"BASE_TYPE_MAX_LENGTH\"}]}}}"));
        assertEquals(Kind.OTHER, kind(400, "{\"code\":50035,\"errors\":{}}"));
        assertEquals(Kind.OTHER, kind(503, "upstream connect error"));
    }

    @Test
    void theMessageSaysWhatDiscordSaidButNoBody() {
        ChatPlatformException e = RestErrors.toException(404, "{\"code\":10008,\"message\":\"Unknown Message\"}", null);
        assertEquals("Discord refused: HTTP 404, code 10008 Unknown Message", e.getMessage());
    }

    private static Kind kind(int status, String body) {
        return RestErrors.toException(status, body, null).kind();
    }
}
