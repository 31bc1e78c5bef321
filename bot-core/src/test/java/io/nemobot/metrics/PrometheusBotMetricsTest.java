package io.nemobot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.testing.Exposition;
import io.nemobot.testing.PromTool;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus sees after the core reports through the facade. */
class PrometheusBotMetricsTest {
    private final PrometheusBotMetrics metrics = new PrometheusBotMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void eachFacadeCallMovesItsSeries() {
        metrics.turnEnded("CHAT", TurnOutcome.COMPLETED, "", Duration.ofSeconds(3));
        metrics.turnEnded("chat", TurnOutcome.FAILED, "backend_unavailable", Duration.ofSeconds(40));
        metrics.firstText(Duration.ofMillis(700));
        metrics.backendCall("chat", CallOutcome.OK, Duration.ofMillis(300));
        metrics.platformCall("discord", "edit", CallOutcome.RATE_LIMITED, Duration.ofMillis(30));
        metrics.chunkLag("slack", Duration.ofMillis(120));
        metrics.render(RenderOutcome.TIMED_OUT, Duration.ofMinutes(5));
        metrics.uploadBytes(4096);
        metrics.uploadBytes(1024);
        metrics.storeWrite(Duration.ofMillis(2));
        metrics.creditsAvailable(87);
        metrics.conversationsLive(() -> 3);
        metrics.rendersInFlight(() -> 2);
        metrics.ready(() -> true);

        Exposition e = Exposition.parse(metrics.scrape());
        assertEquals(1, e.value("nemo_turns_total", "intent", "chat", "outcome", "completed", "reason", "none"));
        assertEquals(1, e.value("nemo_turns_total", "intent", "chat", "outcome", "failed", "reason", "backend_unavailable"));
        assertEquals(2, e.value("nemo_turn_duration_seconds_count", "intent", "chat"));
        assertEquals(1, e.value("nemo_turn_duration_seconds_bucket", "intent", "chat", "le", "5.0"),
                "the 3 s turn is under 5 s, the 40 s one is not");
        assertEquals(0.7, e.value("nemo_turn_first_text_seconds_sum"), 1e-9);
        assertEquals(1, e.value("nemo_backend_request_duration_seconds_count", "endpoint", "chat", "outcome", "ok"));
        assertEquals(1, e.value("nemo_platform_request_duration_seconds_count", "platform", "discord", "method", "edit",
                "outcome", "rate_limited"));
        assertEquals(1, e.value("nemo_chunk_lag_seconds_bucket", "platform", "slack", "le", "0.25"));
        assertEquals(300, e.value("nemo_render_duration_seconds_sum", "outcome", "timed_out"), 1e-9);
        assertEquals(5120, e.value("nemo_upload_bytes_total"));
        assertEquals(1, e.value("nemo_store_write_duration_seconds_bucket", "le", "0.0025"));
        assertEquals(87, e.value("nemo_credits_available"));
        assertEquals(3, e.value("nemo_conversations_live"));
        assertEquals(2, e.value("nemo_renders_in_flight"));
        assertEquals(1, e.value("nemo_ready"));
        assertEquals("histogram", e.types().get("nemo_turn_duration_seconds"));
        assertTrue(e.names().contains("jvm_memory_used_bytes"), "JVM meters are bound");
        assertTrue(e.names().contains("jvm_gc_memory_allocated_bytes_total"), "GC meters are bound");
    }

    @Test
    void gaugesReadTheirSupplierAtEachScrape() {
        int[] live = {1};
        metrics.conversationsLive(() -> live[0]);
        assertEquals(1, Exposition.parse(metrics.scrape()).value("nemo_conversations_live"));
        live[0] = 5;
        assertEquals(5, Exposition.parse(metrics.scrape()).value("nemo_conversations_live"));
    }

    @Test
    void creditsAreUnknownUntilTheFirstPoll() {
        assertTrue(Double.isNaN(Exposition.parse(metrics.scrape()).value("nemo_credits_available")));
    }

    @Test
    void refusedTurnsAreCountedButNotTimed() {
        metrics.turnEnded("chat", TurnOutcome.REFUSED, "user_daily_turns", Duration.ofMillis(5));
        Exposition e = Exposition.parse(metrics.scrape());
        assertEquals(1, e.value("nemo_turns_total", "outcome", "refused", "reason", "user_daily_turns"));
        assertEquals(0, e.value("nemo_turn_duration_seconds_count"));
    }

    @Test
    void labelValuesAreCleanedAndStayFewWhateverTheCallerPasses() {
        metrics.backendCall("Render Status/Poll", CallOutcome.OK, Duration.ofMillis(1));
        for (int i = 0; i < 200; i++) {
            metrics.turnEnded("chat", TurnOutcome.FAILED, "session-" + i, Duration.ofSeconds(1));
        }
        Exposition e = Exposition.parse(metrics.scrape());
        assertEquals(1, e.value("nemo_backend_request_duration_seconds_count", "endpoint", "render_status_poll"));
        Set<String> reasons = e.samples("nemo_turns_total").stream().map(s -> s.labels().get("reason"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(PrometheusBotMetrics.MAX_LABEL_VALUES + 1, reasons.size(), reasons.toString());
        assertTrue(reasons.contains("other"), reasons.toString());
        assertEquals(200, e.value("nemo_turns_total"), "nothing is lost, only folded into other");
    }

    @Test
    void theScrapePassesPrometheusOwnLinter() throws Exception {
        metrics.turnEnded("chat", TurnOutcome.SILENT_EDIT, "", Duration.ofSeconds(2));
        metrics.platformCall("slack", "post", CallOutcome.OK, Duration.ofMillis(80));
        metrics.uploadBytes(10);
        PromTool.Result result = PromTool.require().run(metrics.scrape(), "check", "metrics");
        assertEquals(0, result.exitCode(), result.output());
    }
}
