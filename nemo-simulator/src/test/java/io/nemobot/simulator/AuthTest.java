package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthTest {

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim);

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void anonymousTokenNeedsAClientId() {
        HttpResponse<String> reply = client.send(client.anonymous(null));
        assertEquals(400, reply.statusCode());
        assertEquals("{\"code\":400,\"message\":\"missing X-Client-Id\"}", reply.body());
    }

    @Test
    void issuesOneTokenPerClientId() {
        HttpResponse<String> first = client.send(client.anonymous("c1"));
        JsonObject envelope = SimClient.json(first);
        assertEquals(0, envelope.get("code").getAsInt());
        JsonObject data = envelope.getAsJsonObject("data");
        assertEquals("sim_tok_1", data.get("token").getAsString());
        assertEquals("u_1", data.get("user_id").getAsString());
        assertEquals(100, data.get("credits").getAsInt());
        assertTrue(data.has("expires_at"));

        assertEquals(429, client.send(client.anonymous("c1")).statusCode());
        assertEquals(200, client.send(client.anonymous("c2")).statusCode());
        assertEquals(2, sim.anonymousTokensIssued());
    }

    @Test
    void quotaCanBeTurnedOff() {
        sim.setTokenQuota(false);
        assertEquals(200, client.send(client.anonymous("c1")).statusCode());
        assertEquals(200, client.send(client.anonymous("c1")).statusCode());
    }

    @Test
    void expiredTokensGet1001AndTheQuotaStartsOver() {
        client.token(tokenFor("c1"));
        assertEquals(0, SimClient.json(client.get("/api/credits/balance/simple")).get("code").getAsInt());

        sim.expireTokens();

        HttpResponse<String> expired = client.get("/api/credits/balance/simple");
        assertEquals(200, expired.statusCode());
        assertEquals("{\"code\":1001,\"message\":\"token expired\"}", expired.body());
        client.token(tokenFor("c1"));
        assertEquals(0, SimClient.json(client.get("/api/credits/balance/simple")).get("code").getAsInt());
    }

    @Test
    void unauthorizedCanBePlainHttp401() {
        sim.setUnauthorizedAsHttp401(true);
        HttpResponse<String> reply = client.token("made-up").get("/api/credits/balance/simple");
        assertEquals(401, reply.statusCode());
    }

    @Test
    void missingOrUnknownTokensAreRefusedAndAcceptedTokensWork() {
        assertEquals(1001, SimClient.json(client.get("/api/credits/balance/simple")).get("code").getAsInt());
        client.token("configured-token");
        assertEquals(1001, SimClient.json(client.get("/api/credits/balance/simple")).get("code").getAsInt());
        sim.acceptToken("configured-token");
        assertEquals(0, SimClient.json(client.get("/api/credits/balance/simple")).get("code").getAsInt());
    }

    @Test
    void acceptAnyTokenForDemos() {
        sim.setAcceptAnyToken(true);
        assertEquals(0, SimClient.json(client.token("whatever").get("/api/credits/balance/simple"))
                .get("code").getAsInt());
    }

    private String tokenFor(String clientId) {
        HttpResponse<String> reply = client.send(client.anonymous(clientId));
        assertEquals(200, reply.statusCode(), reply.body());
        return SimClient.json(reply).getAsJsonObject("data").get("token").getAsString();
    }
}
