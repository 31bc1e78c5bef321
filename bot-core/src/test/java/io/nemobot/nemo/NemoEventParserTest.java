package io.nemobot.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NemoEventParserTest {

    @Test
    void typedFamilyTranscript() {
        List<String> data = transcript("NemoEventParserTest-typed.sse");
        assertEquals(7, data.size(), "data events in the transcript: " + data);

        assertEquals(List.of(new NemoEvent.Text("I'll generate your video now...", true, false)), parse(data.get(0)));
        assertEquals(List.of(new NemoEvent.ToolCall("generate_video_with_seedance")), parse(data.get(1)));
        assertEquals(List.of(new NemoEvent.Heartbeat()), parse(data.get(2)));
        assertEquals(List.of(new NemoEvent.Heartbeat()), parse(data.get(3)), "an empty data: line means still working");
        assertEquals(List.of(new NemoEvent.ToolResult("generate_video_with_seedance")), parse(data.get(4)));
        // Unknown fields next to the text are ignored, the text itself is kept verbatim (leading space too).
        assertEquals(List.of(new NemoEvent.Text(" Your video is ready.", true, false)), parse(data.get(5)));
        List<NemoEvent> unknown = parse(data.get(6));
        assertEquals(1, unknown.size());
        assertInstanceOf(NemoEvent.Ignored.class, unknown.get(0), "an unknown type is ignored, not fatal");
    }

    @Test
    void agentFamilyTranscript() {
        List<String> data = transcript("NemoEventParserTest-agent.sse");
        assertEquals(8, data.size(), "data events in the transcript: " + data);

        assertEquals(List.of(new NemoEvent.Text("Generating your ", true, false)), parse(data.get(0)));
        assertEquals(List.of(new NemoEvent.Text("video now.", true, false)), parse(data.get(1)));
        // The event without "partial" carries the whole text again: it replaces the chunks.
        assertEquals(List.of(new NemoEvent.Text("Generating your video now.", false, true)), parse(data.get(2)));

        List<NemoEvent> thoughtAndCall = parse(data.get(3));
        assertTrue(thoughtAndCall.contains(new NemoEvent.ToolCall("generate_video")), thoughtAndCall.toString());
        assertTrue(texts(thoughtAndCall).isEmpty(), "a thought is never text for the user: " + thoughtAndCall);

        assertEquals(List.of(new NemoEvent.Heartbeat()), parse(data.get(4)), "an event without content means still working");
        assertEquals(List.of(new NemoEvent.ToolResult("generate_video")), parse(data.get(5)));
        assertEquals(List.of(new NemoEvent.Text("Done: 10 seconds of city lights.", false, true)), parse(data.get(6)),
                "the text parts of one event are joined");
        assertEquals(List.of(new NemoEvent.Failure("Something failed")), parse(data.get(7)));
    }

    @Test
    void aFunctionCallIsNeverForwardedAsText() {
        String call = "{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"add_title\",\"args\":{\"text\":\"Urban Dreams\"}}}]}}";
        assertEquals(List.of(new NemoEvent.ToolCall("add_title")), parse(call));
        String snake = "{\"content\":{\"parts\":[{\"function_response\":{\"name\":\"add_title\",\"response\":{}}}]}}";
        assertEquals(List.of(new NemoEvent.ToolResult("add_title")), parse(snake));
        String nameless = "{\"type\":\"tool_call\",\"args\":{}}";
        assertEquals(List.of(new NemoEvent.ToolCall("tool")), parse(nameless));
    }

    @Test
    void textNextToAThoughtKeepsOnlyTheText() {
        String event = "{\"partial\":true,\"content\":{\"parts\":[{\"text\":\"secret plan\",\"thought\":true},{\"text\":\"Adding music.\"}]}}";
        List<NemoEvent> events = parse(event);
        assertEquals(List.of("Adding music."), texts(events));
        assertTrue(events.contains(new NemoEvent.Text("Adding music.", true, false)));
    }

    @Test
    void errorFieldsFailTheTurn() {
        assertEquals(List.of(new NemoEvent.Failure("quota: out of credits")),
                parse("{\"errorCode\":\"quota\",\"errorMessage\":\"out of credits\"}"));
        assertEquals(List.of(new NemoEvent.Failure("MALFORMED_FUNCTION_CALL: error")),
                parse("{\"id\":\"e9\",\"author\":\"nemo_agent\",\"errorCode\":\"MALFORMED_FUNCTION_CALL\"}"));
        assertEquals(List.of(new NemoEvent.Failure("model overloaded")), parse("{\"errorMessage\":\"model overloaded\"}"));
        assertEquals(List.of(new NemoEvent.Failure("boom")), parse("{\"type\":\"error\",\"content\":\"boom\"}"));
        List<NemoEvent> structured = parse("{\"error\":{\"code\":500,\"message\":\"internal\"}}");
        assertInstanceOf(NemoEvent.Failure.class, structured.get(0));
        assertTrue(((NemoEvent.Failure) structured.get(0)).message().contains("internal"), structured.toString());
    }

    @Test
    void nullErrorFieldsAreNotFailures() {
        // A serializer that writes every field sends "error": null / "errorCode": null on good events.
        String withNulls = "{\"error\":null,\"errorCode\":null,\"errorMessage\":null,\"partial\":false,"
                + "\"content\":{\"parts\":[{\"text\":\"Title added.\"}]}}";
        assertEquals(List.of(new NemoEvent.Text("Title added.", false, true)), parse(withNulls));
        assertEquals(List.of(new NemoEvent.Heartbeat()), parse("{\"errorCode\":null,\"errorMessage\":null}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "{}", "{\"type\":\"heartbeat\"}", "{\"type\":\"ping\"}",
            "{\"type\":\"text\",\"content\":\"\"}", "{\"id\":\"e1\",\"content\":{\"role\":\"model\",\"parts\":[]}}",
            "{\"content\":{\"role\":\"model\"}}", "{\"content\":\"not an object\"}"})
    void stillWorkingSignals(String data) {
        assertEquals(List.of(new NemoEvent.Heartbeat()), NemoEventParser.parse(data));
    }

    @Test
    void nullDataIsAHeartbeat() {
        assertEquals(List.of(new NemoEvent.Heartbeat()), NemoEventParser.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"text\",\"content\":\"half", "not json at all", "[DONE]", "[1,2]", "\"text\"",
            "42", "{\"content\":", "}{"})
    void unreadableDataIsIgnored(String data) {
        List<NemoEvent> events = NemoEventParser.parse(data);
        assertEquals(1, events.size(), events.toString());
        assertInstanceOf(NemoEvent.Ignored.class, events.get(0));
    }

    @Test
    void oddShapesNeverThrowAndNeverInventText() {
        String[] odd = {"{\"type\":{\"nested\":true}}", "{\"type\":null,\"content\":{\"parts\":[{\"text\":\"hi\"}]}}",
                "{\"partial\":\"yes\",\"content\":{\"parts\":[null,1,\"x\",{\"text\":null},{\"thought\":\"maybe\"}]}}",
                "{\"content\":{\"parts\":{\"text\":\"not an array\"}}}", "{\"type\":\"tool_result\",\"name\":42}",
                "{\"content\":{\"parts\":[{\"functionCall\":\"not an object\"}]}}"};
        for (String data : odd) {
            List<NemoEvent> events = NemoEventParser.parse(data);
            assertFalse(events.isEmpty(), data);
        }
        assertEquals(List.of("hi"), texts(NemoEventParser.parse(odd[1])), "a null type is the agent family");
        assertTrue(texts(NemoEventParser.parse(odd[2])).isEmpty());
    }

    @Test
    void everyTruncationOfTheTranscriptsParsesWithoutThrowing() {
        List<String> all = new ArrayList<>(transcript("NemoEventParserTest-typed.sse"));
        all.addAll(transcript("NemoEventParserTest-agent.sse"));
        for (String data : all) {
            for (int end = 0; end <= data.length(); end++) {
                String cut = data.substring(0, end);
                List<NemoEvent> events = NemoEventParser.parse(cut);
                assertFalse(events.isEmpty(), cut);
            }
        }
    }

    private static List<NemoEvent> parse(String data) {
        return NemoEventParser.parse(data);
    }

    private static List<String> texts(List<NemoEvent> events) {
        List<String> out = new ArrayList<>();
        for (NemoEvent e : events) {
            if (e instanceof NemoEvent.Text t) {
                out.add(t.text());
            }
        }
        return out;
    }

    /**
     * The data payloads of an SSE transcript, one per event, as an SSE client delivers them: comment
     * lines dropped, several data lines of one event joined with a newline, "data:" alone an empty payload.
     */
    static List<String> transcript(String name) {
        String text;
        try (InputStream in = NemoEventParserTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> events = new ArrayList<>();
        List<String> lines = null;
        for (String line : (text + "\n").split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (lines != null) {
                    events.add(String.join("\n", lines));
                    lines = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                if (lines == null) {
                    lines = new ArrayList<>();
                }
                lines.add(value);
            }
        }
        return events;
    }
}
