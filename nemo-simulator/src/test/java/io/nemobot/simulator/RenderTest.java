package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RenderTest {

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim).login();
    private final String session = client.createSession();

    @AfterEach
    void close() {
        sim.close();
    }

    @ParameterizedTest
    @EnumSource(RenderShape.class)
    void theStandardScriptTakesFourPollsInEveryShape(RenderShape shape) {
        sim.setRenderShape(shape);
        submit("render_1");

        List<String> seen = new ArrayList<>();
        String url = null;
        for (int i = 0; i < 5; i++) {
            JsonObject reply = SimClient.json(client.get("/api/render/proxy/lambda/render_1"));
            JsonObject status = statusOf(shape, reply);
            seen.add(status.get("status").getAsString() + ":" + status.get("progress").getAsInt());
            url = urlOf(shape, status);
        }

        assertEquals(List.of("pending:0", "processing:40", "processing:80", "completed:100", "completed:100"), seen);
        assertEquals(sim.baseUrl() + "/cdn/render_1.mp4", url);
        assertEquals(200, client.get("/cdn/render_1.mp4").statusCode());
    }

    @Test
    void shapesAreExactlyAsDocumented() {
        sim.setRenderScript(RenderScript.steps(RenderStep.completed("https://cdn.example/v.mp4")));
        submit("r");
        assertEquals("{\"success\":true,\"data\":{\"id\":\"r\",\"status\":\"completed\",\"progress\":100,"
                + "\"outputUrl\":\"https://cdn.example/v.mp4\"}}", client.get("/api/render/proxy/lambda/r").body());
        sim.setRenderShape(RenderShape.TOP_LEVEL_OUTPUT);
        assertEquals("{\"id\":\"r\",\"status\":\"completed\",\"progress\":100,"
                + "\"output\":{\"url\":\"https://cdn.example/v.mp4\"}}", client.get("/api/render/proxy/lambda/r").body());
        sim.setRenderShape(RenderShape.ENVELOPE);
        assertEquals("{\"code\":0,\"message\":\"ok\",\"data\":{\"id\":\"r\",\"status\":\"completed\",\"progress\":100,"
                + "\"output_url\":\"https://cdn.example/v.mp4\"}}", client.get("/api/render/proxy/lambda/r").body());
    }

    @Test
    void aFailingScript() {
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(10), RenderStep.failed()));
        submit("r");
        client.get("/api/render/proxy/lambda/r");
        JsonObject data = SimClient.json(client.get("/api/render/proxy/lambda/r")).getAsJsonObject("data");
        assertEquals("failed", data.get("status").getAsString());
        assertEquals("render failed", data.get("error").getAsString());
        assertFalse(data.has("outputUrl"));
        assertEquals(404, client.get("/api/render/proxy/r/download").statusCode());
    }

    @Test
    void neverFinishesButProgressRises() {
        sim.setRenderScript(RenderScript.never());
        submit("r");
        int last = -1;
        for (int i = 0; i < 5; i++) {
            JsonObject data = SimClient.json(client.get("/api/render/proxy/lambda/r")).getAsJsonObject("data");
            assertEquals("processing", data.get("status").getAsString());
            assertTrue(data.get("progress").getAsInt() > last);
            last = data.get("progress").getAsInt();
        }
    }

    @Test
    void submitNeedsTheSkillHeaders() {
        HttpResponse<String> reply = client.send(client.bare("/api/render/proxy/lambda")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body("r"))).build());
        assertEquals(402, reply.statusCode());
        assertEquals("{\"code\":402,\"message\":\"free plan export blocked\"}", reply.body());
        assertTrue(sim.renderIds().isEmpty());
        assertEquals(body("r"), sim.requests(Endpoint.RENDER_SUBMIT).get(0).body(), "recorded either way");
    }

    @Test
    void duplicateIdsAreRefusedAndSubmissionsRecorded() {
        assertEquals("{\"success\":true,\"data\":{\"id\":\"r\",\"status\":\"pending\"}}",
                client.post("/api/render/proxy/lambda", body("r")).body());
        assertEquals("{\"success\":false,\"error\":\"duplicate id\"}",
                client.post("/api/render/proxy/lambda", body("r")).body());
        assertEquals(List.of("r"), sim.renderIds());
        assertEquals(session, sim.renderSubmission("r").get("sessionId").getAsString());
        assertEquals(Drafts.demo(), sim.requests(Endpoint.RENDER_SUBMIT).get(0).json().getAsJsonObject("draft"));
    }

    @Test
    void cancelFailsTheRender() {
        submit("r");
        assertEquals("{\"success\":true}", client.post("/api/render/proxy/lambda/r/cancel", "").body());
        JsonObject data = SimClient.json(client.get("/api/render/proxy/lambda/r")).getAsJsonObject("data");
        assertEquals("failed", data.get("status").getAsString());
        assertEquals("cancelled", data.get("error").getAsString());
        assertEquals(404, client.post("/api/render/proxy/lambda/nope/cancel", "").statusCode());
    }

    @Test
    void downloadOnlyOnceCompleted() {
        sim.setRenderScript(RenderScript.steps(RenderStep.pending(), RenderStep.completed()));
        submit("r");
        assertEquals(404, client.get("/api/render/proxy/r/download").statusCode());
        client.get("/api/render/proxy/lambda/r");
        assertEquals(404, client.get("/api/render/proxy/r/download").statusCode());
        client.get("/api/render/proxy/lambda/r");
        HttpResponse<String> video = client.get("/api/render/proxy/r/download");
        assertEquals(200, video.statusCode());
        assertEquals("video/mp4", video.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void unknownRendersAre404() {
        HttpResponse<String> reply = client.get("/api/render/proxy/lambda/nope");
        assertEquals(404, reply.statusCode());
        assertEquals("{\"success\":false,\"error\":\"not found\"}", reply.body());
    }

    @Test
    void scriptsApplyToRendersSubmittedAfterwards() {
        submit("before");
        sim.setRenderScript(RenderScript.steps(RenderStep.failed("boom")));
        submit("after");
        assertEquals("pending", SimClient.json(client.get("/api/render/proxy/lambda/before"))
                .getAsJsonObject("data").get("status").getAsString());
        assertEquals("boom", SimClient.json(client.get("/api/render/proxy/lambda/after"))
                .getAsJsonObject("data").get("error").getAsString());
    }

    private void submit(String id) {
        HttpResponse<String> reply = client.post("/api/render/proxy/lambda", body(id));
        assertTrue(SimClient.json(reply).get("success").getAsBoolean(), reply.body());
    }

    private String body(String id) {
        JsonObject output = new JsonObject();
        output.addProperty("format", "mp4");
        output.addProperty("quality", "high");
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        body.addProperty("sessionId", session);
        body.add("draft", Drafts.demo());
        body.add("output", output);
        return body.toString();
    }

    private static JsonObject statusOf(RenderShape shape, JsonObject reply) {
        return shape == RenderShape.TOP_LEVEL_OUTPUT ? reply : reply.getAsJsonObject("data");
    }

    private static String urlOf(RenderShape shape, JsonObject status) {
        String member = shape == RenderShape.DATA_OUTPUT_URL ? "outputUrl" : "output_url";
        if (shape == RenderShape.TOP_LEVEL_OUTPUT) {
            return status.has("output") ? status.getAsJsonObject("output").get("url").getAsString() : null;
        }
        return status.has(member) ? status.get(member).getAsString() : null;
    }
}
