package io.nemobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The ops settings an operator writes: off unless a port is set, and every mistake named with its variable. */
class OpsSettingsTest {
    @Test
    void unsetOrEmptyPortMeansNoEndpointsAndTextLogs() {
        assertEquals(new OpsSettings(OptionalInt.empty(), "text"), OpsSettings.from(Settings.of(Map.of())));
        assertEquals(OptionalInt.empty(),
                OpsSettings.from(Settings.of(Map.of("NEMO_METRICS_PORT", " "))).metricsPort());
    }

    @Test
    void aPortAndJsonLogsAreRead() {
        OpsSettings s = OpsSettings.from(Settings.of(Map.of("NEMO_METRICS_PORT", "9464", "NEMO_LOG_FORMAT", "JSON")));
        assertEquals(OptionalInt.of(9464), s.metricsPort());
        assertEquals("json", s.logFormat());
    }

    @Test
    void everyProblemIsListedAtOnceNamingTheVariable() {
        List<String> problems = OpsSettings.problems(Settings.of(Map.of("NEMO_METRICS_PORT", "metrics",
                "NEMO_LOG_FORMAT", "xml")));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("NEMO_METRICS_PORT: expected a port number like 9464"), problems.get(0));
        assertTrue(problems.get(1).startsWith("NEMO_LOG_FORMAT: must be text or json"), problems.get(1));
        ConfigException e = assertThrows(ConfigException.class,
                () -> OpsSettings.from(Settings.of(Map.of("NEMO_METRICS_PORT", "70000"))));
        assertEquals(List.of("NEMO_METRICS_PORT: must be a port from 1 to 65535 (e.g. 9464), got 70000"), e.problems());
    }

    @Test
    void theShutdownGraceIs30SecondsUnlessSetAndAMistakeIsNamed() {
        assertEquals(java.time.Duration.ofSeconds(30), OpsSettings.from(Settings.of(Map.of())).shutdownGrace());
        assertEquals(java.time.Duration.ofSeconds(5),
                OpsSettings.from(Settings.of(Map.of("NEMO_SHUTDOWN_GRACE", "5s"))).shutdownGrace());
        assertEquals(List.of("NEMO_SHUTDOWN_GRACE: expected a duration like 30s or 2m, got 'soon'"),
                OpsSettings.problems(Settings.of(Map.of("NEMO_SHUTDOWN_GRACE", "soon"))));
    }

    @Test
    void theBundledConfigFileDocumentsBothSettingsAndLeavesThemOff() {
        var bundled = Settings.readResource("config/nemo-bot.properties");
        assertEquals("", bundled.getProperty("NEMO_METRICS_PORT"), "the ops endpoints are off by default");
        assertEquals("text", bundled.getProperty("NEMO_LOG_FORMAT"));
        assertEquals("30s", bundled.getProperty("NEMO_SHUTDOWN_GRACE"));
    }
}
