package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionAndStateTest {

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim).login();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void createsSessionsWithAnEmptyDraft() {
        JsonObject reply = SimClient.json(client.post("/api/tasks/me/with-session/nemo_agent",
                "{\"task_name\":\"project\",\"language\":\"en\"}"));
        assertEquals(0, reply.get("code").getAsInt());
        JsonObject data = reply.getAsJsonObject("data");
        assertEquals("task_1", data.get("task_id").getAsString());
        assertEquals("sess_1", data.get("session_id").getAsString());
        assertEquals("u_1", data.get("user_id").getAsString());
        assertEquals(1, sim.sessionsCreated());
        assertEquals("{\"task_name\":\"project\",\"language\":\"en\"}",
                sim.requests(Endpoint.CREATE_SESSION).get(0).body());

        JsonObject state = SimClient.json(client.get("/api/state/nemo_agent/me/sess_1/latest"))
                .getAsJsonObject("data").getAsJsonObject("state");
        assertEquals(Drafts.empty(), state.getAsJsonObject("draft"));
        assertEquals(0, state.getAsJsonArray("video_infos").size());
        assertEquals(0, state.getAsJsonArray("generated_media").size());
        assertEquals(1920, state.getAsJsonObject("canvas_config").get("width").getAsInt());
    }

    @Test
    void droppedSessionsAre1002() {
        String session = client.createSession();
        sim.dropSession(session);
        assertEquals("{\"code\":1002,\"message\":\"session not found\"}",
                client.get("/api/state/nemo_agent/me/" + session + "/latest").body());
    }

    @Test
    void bareReplyShapes() {
        sim.setReplyShape(Endpoint.CREATE_SESSION, ReplyShape.BARE);
        sim.setReplyShape(Endpoint.STATE, ReplyShape.BARE);
        sim.setReplyShape(Endpoint.CREDITS, ReplyShape.BARE);
        JsonObject created = SimClient.json(client.post("/api/tasks/me/with-session/nemo_agent",
                "{\"task_name\":\"project\",\"language\":\"en\"}"));
        String session = created.get("session_id").getAsString();
        assertTrue(SimClient.json(client.get("/api/state/nemo_agent/me/" + session + "/latest")).has("state"));
        assertEquals("{\"available\":100,\"frozen\":0,\"total\":100}", client.get("/api/credits/balance/simple").body());
    }

    @Test
    void creditsAreSettable() {
        assertEquals("{\"code\":0,\"message\":\"ok\",\"data\":{\"available\":100,\"frozen\":0,\"total\":100}}",
                client.get("/api/credits/balance/simple").body());
        sim.setCredits(20, 80, 100);
        JsonObject data = SimClient.json(client.get("/api/credits/balance/simple")).getAsJsonObject("data");
        assertEquals(20, data.get("available").getAsInt());
        assertEquals(80, data.get("frozen").getAsInt());
    }

    @Test
    void sessionsCanBeMadeAndEditedDirectly() {
        String session = sim.createSession();
        assertTrue(sim.setDraft(session, Drafts.demo()));
        assertEquals(Drafts.demo(), sim.draft(session));
        assertTrue(!sim.setDraft("nope", Drafts.demo()));
    }
}
