package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.ops.LogContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** NEMO_LOG_FORMAT=json: what a log collector reads from stderr, one JSON object per line. */
@SuppressWarnings("try") // the turn context is held for its scope, not referenced
class JsonLogsTest {
    private static final Logger LOG = LoggerFactory.getLogger("io.nemobot.conversation.ConversationService");
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void json() {
        stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LogFormat.apply("json");
    }

    @AfterEach
    void text() {
        LogFormat.apply("text");
        System.setErr(stderr);
    }

    private List<JsonObject> lines() {
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.endsWith("\n"), out);
        return out.lines().map(line -> {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "one whole object per line: " + line);
            return JsonParser.parseString(line).getAsJsonObject();
        }).toList();
    }

    @Test
    void everyLineOfATurnCarriesTheConversationAndTheTurn() {
        LOG.info("outside any turn");
        try (LogContext turn = LogContext.turn("discord:g1:c1:t1", "turn-42")) {
            LOG.info("Turn started ({} file(s))", 2);
            LOG.warn("Stream cut after {} s; checking the session", 31);
        }
        List<JsonObject> lines = lines();
        assertEquals(3, lines.size(), lines.toString());
        assertFalse(lines.get(0).has("mdc") && lines.get(0).getAsJsonObject("mdc").has("turn"), lines.get(0).toString());
        JsonObject started = lines.get(1);
        assertEquals("INFO", started.get("level").getAsString());
        assertEquals("io.nemobot.conversation.ConversationService", started.get("loggerName").getAsString());
        assertEquals("Turn started (2 file(s))", started.get("formattedMessage").getAsString());
        assertEquals("discord:g1:c1:t1", started.getAsJsonObject("mdc").get(LogContext.CONVERSATION).getAsString());
        assertEquals("turn-42", started.getAsJsonObject("mdc").get(LogContext.TURN).getAsString());
        assertTrue(started.get("timestamp").getAsLong() > 0);
        assertEquals("turn-42", lines.get(2).getAsJsonObject("mdc").get(LogContext.TURN).getAsString());
        assertEquals("WARN", lines.get(2).get("level").getAsString());
    }

    @Test
    void everyCoreLineOfRealTurnsCarriesItsConversationAndItsOwnTurnId(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        io.nemobot.chat.ThreadKey thread = new io.nemobot.chat.ThreadKey("test", "W1", "C1", "T1");
        io.nemobot.testing.RecordingPlatform platform = io.nemobot.testing.RecordingPlatform.fast("test");
        try (io.nemobot.simulator.NemoSimulator sim = io.nemobot.simulator.NemoSimulator.start();
                io.nemobot.core.BotCore core = io.nemobot.testing.TestCores.core(sim.baseUrl(), data, java.util.Map.of())) {
            core.register(platform);
            core.start();
            sim.enqueueTurn(io.nemobot.simulator.Turn.agent().text("First answer."));
            sim.enqueueTurn(io.nemobot.simulator.Turn.agent().text("Second answer."));
            io.nemobot.chat.Author ana = io.nemobot.chat.Author.human("U1", "Ana");
            core.conversations().accept(io.nemobot.chat.IncomingMessage.text(thread, ana, "one", "e1"), platform.thread(thread));
            core.conversations().accept(io.nemobot.chat.IncomingMessage.text(thread, ana, "two", "e2"), platform.thread(thread));
            io.nemobot.testing.Await.until(() -> platform.transcript(thread).contains("Second answer.")
                    && captured.toString(StandardCharsets.UTF_8).split("ended: COMPLETED", -1).length == 3,
                    java.time.Duration.ofSeconds(20), () -> captured.toString(StandardCharsets.UTF_8));
        }
        List<JsonObject> turnLines = lines().stream()
                .filter(l -> l.get("loggerName").getAsString().startsWith("io.nemobot.")
                        && !l.get("loggerName").getAsString().startsWith("io.nemobot.simulator")
                        && l.get("threadName").getAsString().matches("nemo-(turn|send|timer).*"))
                .toList();
        assertTrue(turnLines.size() >= 3, turnLines.toString());
        java.util.Set<String> turns = new java.util.HashSet<>();
        for (JsonObject line : turnLines) {
            assertTrue(line.has("mdc"), "no context: " + line);
            assertEquals(thread.id(), line.getAsJsonObject("mdc").get(LogContext.CONVERSATION).getAsString(), line.toString());
            turns.add(line.getAsJsonObject("mdc").get(LogContext.TURN).getAsString());
        }
        assertEquals(2, turns.size(), "each message is its own turn: " + turnLines);
    }

    @Test
    void aStackTraceAndLineBreaksStayInsideTheOneLine() {
        LOG.error("Render poll failed:\nsecond line", new IllegalStateException("backend said \"no\""));
        List<JsonObject> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("Render poll failed:\nsecond line", lines.get(0).get("formattedMessage").getAsString());
        assertTrue(lines.get(0).getAsJsonObject("throwable").toString().contains("IllegalStateException"),
                lines.get(0).toString());
    }

    @Test
    void theMessageIsWrittenOnceNotAlsoAsItsPatternAndArguments() {
        LOG.info("Credits: {} available", 87);
        JsonObject line = lines().get(0);
        assertFalse(line.has("message"), line.toString());
        assertFalse(line.has("arguments"), line.toString());
        assertFalse(line.has("context"), "no logger-context properties: " + line);
    }
}
