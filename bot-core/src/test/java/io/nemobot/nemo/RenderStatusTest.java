package io.nemobot.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.nemo.RenderStatus.Phase;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Render polls as the client reads them: the reply body through {@link Replies}, then {@link RenderStatus#from}. */
class RenderStatusTest {
    private static final String URL = "https://cdn.nemovideo.ai/renders/render_1.mp4";

    private static RenderStatus poll(String body) {
        return RenderStatus.from(ReplyParser.payload(200, body));
    }

    @Test
    void dataStatusWithOutputUrl() {
        RenderStatus s = poll("{\"success\":true,\"data\":{\"status\":\"completed\",\"progress\":100,\"outputUrl\":\"" + URL + "\"}}");
        assertEquals(Phase.COMPLETED, s.phase());
        assertEquals(Optional.of(URL), s.url());
        assertEquals(100, s.progress());
        assertTrue(s.done());
    }

    @Test
    void topLevelStatusWithOutputDotUrl() {
        RenderStatus s = poll("{\"id\":\"render_1\",\"status\":\"completed\",\"output\":{\"format\":\"mp4\",\"url\":\"" + URL + "\"}}");
        assertEquals(Phase.COMPLETED, s.phase());
        assertEquals(Optional.of(URL), s.url());
        assertEquals(100, s.progress(), "completed without a progress field is 100%");
    }

    @Test
    void snakeCaseOutputUrlInTheEnvelope() {
        RenderStatus s = poll("{\"code\":0,\"message\":\"ok\",\"data\":{\"status\":\"completed\",\"output_url\":\"" + URL + "\"}}");
        assertEquals(Phase.COMPLETED, s.phase());
        assertEquals(Optional.of(URL), s.url());
    }

    @Test
    void theUnwrappedShapesAreReadToo() {
        JsonObject wrapped = JsonParser.parseString(
                "{\"success\":true,\"data\":{\"status\":\"completed\",\"outputUrl\":\"" + URL + "\"}}").getAsJsonObject();
        assertEquals(Optional.of(URL), RenderStatus.from(wrapped).url());
        JsonObject split = JsonParser.parseString(
                "{\"status\":\"completed\",\"data\":{\"outputUrl\":\"" + URL + "\"}}").getAsJsonObject();
        RenderStatus s = RenderStatus.from(split);
        assertEquals(Phase.COMPLETED, s.phase());
        assertEquals(Optional.of(URL), s.url());
    }

    @ParameterizedTest(name = "progress {0} shows as {1}")
    @CsvSource({"40, 40", "140, 100", "-5, 0", "42.6, 43", "\"55\", 55", "\"half\", 0", "null, 0"})
    void progressIsClampedToZeroToHundred(String raw, int shown) {
        RenderStatus s = poll("{\"success\":true,\"data\":{\"status\":\"processing\",\"progress\":" + raw + "}}");
        assertEquals(Phase.PROCESSING, s.phase());
        assertEquals(shown, s.progress());
        assertFalse(s.done());
        assertEquals(Optional.empty(), s.url());
    }

    @Test
    void failedCarriesTheReason() {
        RenderStatus s = poll("{\"success\":true,\"data\":{\"status\":\"failed\",\"progress\":63,\"error\":\"encoder crashed\"}}");
        assertEquals(Phase.FAILED, s.phase());
        assertEquals(Optional.of("encoder crashed"), s.error());
        assertTrue(s.done());
        RenderStatus top = poll("{\"status\":\"failed\",\"message\":\"draft invalid\"}");
        assertEquals(Phase.FAILED, top.phase());
        assertEquals(Optional.of("draft invalid"), top.error());
    }

    @Test
    void onlyAFailureHasAnError() {
        RenderStatus s = poll("{\"status\":\"processing\",\"progress\":10,\"message\":\"rendering frames\"}");
        assertEquals(Optional.empty(), s.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":\"queued\"}", "{\"status\":\"something-new\",\"progress\":5}", "{\"status\":\"\"}",
            "{\"success\":true,\"data\":{}}", "{}", "{\"status\":{\"nested\":1}}"})
    void anUnknownOrMissingStatusIsPending(String body) {
        RenderStatus s = poll(body);
        assertEquals(Phase.PENDING, s.phase());
        assertFalse(s.done(), "an unknown status keeps polling");
    }

    @ParameterizedTest
    @CsvSource({"pending, PENDING", "processing, PROCESSING", "completed, COMPLETED", "failed, FAILED",
            "COMPLETED, COMPLETED", "Processing, PROCESSING", "cancelled, CANCELLED", "Canceled, CANCELLED"})
    void theStatusValuesInAnyCase(String status, Phase phase) {
        assertEquals(phase, poll("{\"success\":true,\"data\":{\"status\":\"" + status + "\"}}").phase());
    }
}
