package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatStreamTest {

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim).login();
    private final String session = client.createSession();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void agentFamilyStreamsPartialChunksThenTheWholeText() {
        sim.enqueueTurn(Turn.agent()
                .text("Generating your ").text("video now.").finalText("Generating your video now.")
                .toolCall("generate_video").toolResult("generate_video").thought("hmm").heartbeat());

        HttpResponse<String> reply = client.chat(session, "make a video");

        assertEquals(200, reply.statusCode());
        assertEquals("text/event-stream", reply.headers().firstValue("Content-Type").orElse(""));
        String head = "{\"id\":\"e%d\",\"invocationId\":\"i1\",\"author\":\"nemo_agent\"";
        assertEquals(String.join("",
                "data: " + String.format(head, 1) + ",\"partial\":true,\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"Generating your \"}]}}\n\n",
                "data: " + String.format(head, 2) + ",\"partial\":true,\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"video now.\"}]}}\n\n",
                "data: " + String.format(head, 3) + ",\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"Generating your video now.\"}]}}\n\n",
                "data: " + String.format(head, 4) + ",\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"functionCall\":{\"id\":\"c1\",\"name\":\"generate_video\",\"args\":{}}}]}}\n\n",
                "data: " + String.format(head, 5) + ",\"content\":{\"role\":\"user\","
                        + "\"parts\":[{\"functionResponse\":{\"id\":\"c1\",\"name\":\"generate_video\","
                        + "\"response\":{}}}]}}\n\n",
                "data: " + String.format(head, 6) + ",\"content\":{\"role\":\"model\","
                        + "\"parts\":[{\"text\":\"hmm\",\"thought\":true}]}}\n\n",
                "data: " + String.format(head, 7) + "}\n\n"), reply.body());
        assertEquals(List.of(new ChatMessage(session, "make a video")), sim.chatMessages());
    }

    @Test
    void typedFamilyStreamsTypedEvents() {
        sim.enqueueTurn(Turn.typed().text("I'll generate your video now...")
                .toolCall("generate_video_with_seedance").toolResult("generate_video_with_seedance")
                .heartbeat().thought("hmm").finalText("Done."));

        String body = client.chat(session, "go").body();

        assertEquals(String.join("",
                "data: {\"type\":\"text\",\"content\":\"I'll generate your video now...\"}\n\n",
                "data: {\"type\":\"tool_call\",\"name\":\"generate_video_with_seedance\",\"args\":{}}\n\n",
                "data: {\"type\":\"tool_result\",\"name\":\"generate_video_with_seedance\",\"result\":{}}\n\n",
                "data: {\"type\":\"heartbeat\"}\n\n",
                "data: {\"type\":\"thought\",\"content\":\"hmm\"}\n\n",
                "data: {\"type\":\"text\",\"content\":\"Done.\"}\n\n"), body);
    }

    @Test
    void oddEventsAreWrittenAsScripted() {
        sim.enqueueTurn(Turn.agent().comment().emptyData().error("Something failed")
                .errorCode("E42", "boom").unknownEvent().malformed().raw("event: x\ndata: 1\n\n"));

        assertEquals(String.join("",
                ": ping\n\n",
                "data:\n\n",
                "data: {\"error\":\"Something failed\"}\n\n",
                "data: {\"errorCode\":\"E42\",\"errorMessage\":\"boom\"}\n\n",
                "data: {\"type\":\"mystery\",\"x\":1}\n\n",
                "data: {not json\n\n",
                "event: x\ndata: 1\n\n"), client.chat(session, "x").body());
    }

    @Test
    void textInChunksSplitsByWords() {
        sim.enqueueTurn(Turn.typed().textInChunks("one two three four five", 2));
        assertEquals(String.join("",
                "data: {\"type\":\"text\",\"content\":\"one two \"}\n\n",
                "data: {\"type\":\"text\",\"content\":\"three four \"}\n\n",
                "data: {\"type\":\"text\",\"content\":\"five\"}\n\n"), client.chat(session, "x").body());
    }

    @Test
    void contentTypeCanBeOverridden() {
        sim.enqueueTurn(Turn.agent().contentType("text/plain").raw("hello"));
        HttpResponse<String> reply = client.chat(session, "x");
        assertEquals("text/plain", reply.headers().firstValue("Content-Type").orElse(""));
        assertEquals("hello", reply.body());
    }

    @Test
    void anEmptyTurnClosesTheStreamWithNoEvent() {
        sim.enqueueTurn(Turn.agent());
        HttpResponse<String> reply = client.chat(session, "x");
        assertEquals(200, reply.statusCode());
        assertEquals("", reply.body());
    }

    @Test
    void setDraftChangesTheSessionDraftMidStream() {
        assertEquals(Drafts.empty(), sim.draft(session));
        sim.enqueueTurn(Turn.agent().setDraft(Drafts.demo()));
        client.chat(session, "x");
        assertEquals(Drafts.demo(), sim.draft(session));
        JsonObject state = SimClient.json(client.get("/api/state/nemo_agent/me/" + session + "/latest"));
        assertEquals(Drafts.demo(), state.getAsJsonObject("data").getAsJsonObject("state").getAsJsonObject("draft"));
    }

    @Test
    void perSessionTurnsComeBeforeSharedOnesThenTheDefaultTurn() {
        String other = client.createSession();
        sim.enqueueTurn(Turn.typed().text("shared"));
        sim.enqueueTurn(other, Turn.typed().text("mine"));
        sim.setDefaultTurn(Turn.typed().text("default"));

        assertTrue(client.chat(other, "a").body().contains("mine"));
        assertTrue(client.chat(other, "b").body().contains("shared"));
        assertTrue(client.chat(session, "c").body().contains("default"));
        assertTrue(client.chat(session, "d").body().contains("default"));
    }

    @Test
    void theChooserPicksATurnFromTheMessageTextWhenNoneIsQueued() {
        sim.enqueueTurn(session, Turn.typed().text("queued"));
        sim.setDefaultTurn(Turn.typed().text("default"));
        sim.setTurnChooser(text -> text.contains("#7") ? Turn.typed().text("script seven") : null);

        assertTrue(client.chat(session, "play #7").body().contains("queued"));
        assertTrue(client.chat(session, "play #7").body().contains("script seven"));
        assertTrue(client.chat(session, "anything else").body().contains("default"));
    }

    @Test
    void demoGeneratesTheDemoDraft() {
        sim.setDemoPace(Duration.ZERO);
        String body = client.chat(session, "make a city video").body();

        List<String> texts = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                JsonObject event = JsonParser.parseString(line.substring(6)).getAsJsonObject();
                if (event.has("content") && !event.has("partial")) {
                    JsonObject part = event.getAsJsonObject("content").getAsJsonArray("parts").get(0).getAsJsonObject();
                    if (part.has("text")) {
                        texts.add(part.get("text").getAsString());
                    }
                }
            }
        }
        assertEquals(List.of(DemoTurns.OPENING, DemoTurns.DONE), texts);
        assertTrue(body.contains("\"functionCall\":{\"id\":\"c1\",\"name\":\"generate_video\""));
        assertEquals(Drafts.demo(), sim.draft(session));
    }

    @Test
    void demoEditsATitleSilently() {
        sim.setDemoPace(Duration.ZERO);
        sim.setDraft(session, Drafts.demo());

        HttpResponse<String> reply = client.chat(session, "change the title to \"Night Drive\"");

        assertEquals("", reply.body());
        assertEquals(Drafts.withTitle(Drafts.demo(), "Night Drive", 0, 3_000), sim.draft(session));
    }

    @Test
    void titlesAreFoundInMessages() {
        assertEquals("Night Drive", DemoTurns.titleIn("add a title “Night Drive” please"));
        assertEquals("Summer Vibes", DemoTurns.titleIn("change the title to Summer Vibes."));
        assertEquals(DemoTurns.DEFAULT_TITLE, DemoTurns.titleIn("add a title"));
    }

    @Test
    void chunkListenersHearEveryTextChunkAfterItsFlush() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        sim.onChunkEmitted((sessionId, text, nanoTime) -> heard.add(sessionId + ":" + text));
        sim.enqueueTurn(Turn.agent().text("a").heartbeat().text("b").finalText("ab"));
        long before = System.nanoTime();
        client.chat(session, "x");
        assertEquals(List.of(session + ":a", session + ":b", session + ":ab"), heard);
        assertTrue(before < System.nanoTime());
    }

    @Test
    void unknownSessionGets1002AsJson() {
        sim.dropSession(session);
        HttpResponse<String> reply = client.chat(session, "x");
        assertEquals(200, reply.statusCode());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("{\"code\":1002,\"message\":\"session not found\"}", reply.body());
        assertTrue(sim.chatMessages().isEmpty(), "a refused message was not accepted");
        assertEquals(1, sim.requests(Endpoint.CHAT).size());
    }

    @Test
    void noCreditsGets2001() {
        sim.setCredits(0, 0, 100);
        assertEquals(2001, SimClient.json(client.chat(session, "x")).get("code").getAsInt());
    }

    @Test
    void bodyWithoutSessionIsABadRequest() {
        HttpResponse<String> reply = client.post("/run_sse", "{}");
        assertEquals(400, reply.statusCode());
        assertFalse(reply.body().isEmpty());
    }
}
