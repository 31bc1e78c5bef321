package io.nemobot.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyParserTest {

    @Test
    void theEnvelopeGivesItsData() {
        JsonObject data = ReplyParser.payload(200,
                "{\"code\":0,\"message\":\"success\",\"data\":{\"task_id\":\"t1\",\"session_id\":\"s1\"}}");
        assertEquals("t1", Json.string(data, "task_id"));
        assertEquals("s1", Json.string(data, "session_id"));
        assertFalse(data.has("code"), "the envelope is unwrapped");
    }

    @Test
    void theRenderShapeGivesItsData() {
        JsonObject data = ReplyParser.payload(200, "{\"success\":true,\"data\":{\"status\":\"processing\",\"progress\":40}}");
        assertEquals("processing", Json.string(data, "status"));
        assertFalse(data.has("success"));
    }

    @Test
    void aBareObjectIsThePayloadItself() {
        JsonObject bare = ReplyParser.payload(200, "{\"available\":80,\"frozen\":20,\"total\":100,\"extra\":{\"x\":1}}");
        assertEquals(80, (int) Json.number(bare, "available", -1));
        assertEquals(100, (int) Json.number(bare, "total", -1));
    }

    @Test
    void unknownFieldsNeverBreakAReply() {
        JsonObject data = ReplyParser.payload(200, "{\"code\":0,\"message\":\"ok\",\"trace_id\":\"abc\",\"ts\":1700000000,"
                + "\"data\":{\"token\":\"tk\",\"user_id\":\"u\",\"expires_at\":\"2030-01-01\",\"credits\":100,\"new\":[1]}}");
        assertEquals("tk", Json.string(data, "token"));
    }

    @Test
    void anEmptySuccessIsAnEmptyPayload() {
        assertEquals(0, ReplyParser.payload(200, "").size());
        assertEquals(0, ReplyParser.payload(204, null).size());
    }

    @Test
    void anUnreadableSuccessIsBackendTrouble() {
        NemoException e = assertThrows(NemoException.class,
                () -> ReplyParser.payload(200, "<html><body>Bad gateway</body></html>"));
        assertEquals(NemoException.Kind.BACKEND_UNAVAILABLE, e.kind());
    }

    @Test
    void successFalseIsARefusalWithTheReason() {
        NemoException e = assertThrows(NemoException.class,
                () -> ReplyParser.payload(200, "{\"success\":false,\"error\":\"render not found\"}"));
        assertEquals(NemoException.Kind.REFUSED, e.kind());
        assertEquals(200, e.httpStatus());
        assertTrue(e.getMessage().contains("render not found"), e.getMessage());
    }

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({"1001, UNAUTHORIZED", "1002, SESSION_NOT_FOUND", "2001, NO_CREDITS", "4001, UNSUPPORTED_FILE",
            "4002, FILE_TOO_LARGE", "9999, REFUSED"})
    void everyBackendCodeHasItsKind(int code, NemoException.Kind kind) {
        NemoException e = assertThrows(NemoException.class,
                () -> ReplyParser.payload(200, "{\"code\":" + code + ",\"message\":\"nope\",\"data\":null}"));
        assertEquals(kind, e.kind());
        assertEquals(Optional.of(code), e.backendCode());
        assertEquals(200, e.httpStatus());
    }

    @ParameterizedTest(name = "HTTP {0} without a body -> {1}")
    @CsvSource({"400, BAD_REQUEST", "401, UNAUTHORIZED", "402, PLAN_BLOCKED", "429, RATE_LIMITED",
            "500, BACKEND_UNAVAILABLE", "502, BACKEND_UNAVAILABLE", "503, BACKEND_UNAVAILABLE",
            "504, BACKEND_UNAVAILABLE", "404, REFUSED"})
    void plainHttpErrorsWithoutABody(int status, NemoException.Kind kind) {
        for (String body : new String[] {null, "", "Too Many Requests", "<html>oops</html>"}) {
            NemoException e = assertThrows(NemoException.class, () -> ReplyParser.payload(status, body));
            assertEquals(kind, e.kind(), "body " + body);
            assertEquals(status, e.httpStatus());
            assertEquals(Optional.empty(), e.backendCode());
        }
    }

    @ParameterizedTest(name = "HTTP {0} with code {1} -> {2}")
    @CsvSource({"401, 1001, UNAUTHORIZED", "404, 1002, SESSION_NOT_FOUND", "402, 2001, NO_CREDITS",
            "400, 4001, UNSUPPORTED_FILE", "413, 4002, FILE_TOO_LARGE", "429, 429, RATE_LIMITED",
            "500, 500, BACKEND_UNAVAILABLE", "402, 402, PLAN_BLOCKED"})
    void httpErrorsWithABodyUseTheBackendCodeFirst(int status, int code, NemoException.Kind kind) {
        NemoException e = assertThrows(NemoException.class,
                () -> ReplyParser.payload(status, "{\"code\":" + code + ",\"message\":\"refused\"}"));
        assertEquals(kind, e.kind());
        assertEquals(status, e.httpStatus());
        assertEquals(Optional.of(code), e.backendCode());
    }

    @Test
    void anErrorMessageNeverCarriesTheRawReply() {
        String body = "{\"code\":1001,\"message\":\"token expired\",\"data\":{\"token\":\"nmv_secret_123\"}}";
        NemoException e = assertThrows(NemoException.class, () -> ReplyParser.payload(401, body));
        assertTrue(e.getMessage().contains("token expired"), e.getMessage());
        assertFalse(e.getMessage().contains("nmv_secret_123"), e.getMessage());
        String huge = "{\"code\":2001,\"message\":\"" + "x".repeat(5000) + "\\nline two\"}";
        NemoException big = assertThrows(NemoException.class, () -> ReplyParser.payload(200, huge));
        assertTrue(big.getMessage().length() < 300, "the backend's message is cut: " + big.getMessage().length());
        assertFalse(big.getMessage().contains("\n"), "one log line");
    }
}
