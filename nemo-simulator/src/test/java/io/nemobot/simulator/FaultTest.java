package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static final String CREDITS = "/api/credits/balance/simple";

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim).login();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void failNextIsOneShotAndFifo() {
        sim.failNext(Endpoint.CREDITS, Fault.http(503));
        sim.failNext(Endpoint.CREDITS, Fault.http(502, "{\"error\":\"bad gateway\"}"));

        assertEquals(503, client.get(CREDITS).statusCode());
        HttpResponse<String> second = client.get(CREDITS);
        assertEquals(502, second.statusCode());
        assertEquals("{\"error\":\"bad gateway\"}", second.body());
        assertEquals(200, client.get(CREDITS).statusCode());
    }

    @Test
    void failAlwaysUntilCleared() {
        sim.failAlways(Endpoint.CREDITS, Fault.code(2001, "no credits"));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> reply = client.get(CREDITS);
            assertEquals(200, reply.statusCode());
            assertEquals("{\"code\":2001,\"message\":\"no credits\"}", reply.body());
        }
        sim.clearFaults();
        assertEquals(0, SimClient.json(client.get(CREDITS)).get("code").getAsInt());
    }

    @Test
    void failEveryNthCall() {
        sim.failEvery(Endpoint.CREDITS, 3, Fault.http(500));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(client.get(CREDITS).statusCode());
        }
        assertEquals(List.of(200, 200, 500, 200, 200, 500, 200), statuses);
    }

    @Test
    void faultsOnlyHitTheirEndpoint() {
        sim.failAlways(Endpoint.STATE, Fault.http(500));
        assertEquals(200, client.get(CREDITS).statusCode());
    }

    @Test
    void malformedJsonIsNotJson() {
        sim.failNext(Endpoint.CREDITS, Fault.malformedJson());
        HttpResponse<String> reply = client.get(CREDITS);
        assertEquals(200, reply.statusCode());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertThrows(JsonParseException.class, () -> JsonParser.parseString(reply.body()).getAsJsonObject()
                .getAsJsonObject("data").get("available").getAsInt());
    }

    @Test
    void disconnectDropsTheSocketWithoutAResponse() {
        sim.failNext(Endpoint.CREATE_SESSION, Fault.disconnect());
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, client::createSession);
        assertTrue(failed.getCause() instanceof IOException);
        assertTrue(client.createSession().startsWith("sess_"), "the next call works");
    }

    @Test
    void hangNeverAnswersUntilTheClientGivesUp() {
        sim.failNext(Endpoint.CREDITS, Fault.hang());
        HttpRequest request = client.request(CREDITS).timeout(Duration.ofMillis(300)).GET().build();
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> client.send(request));
        assertTrue(failed.getCause() instanceof HttpTimeoutException, failed.toString());
        assertEquals(200, client.get(CREDITS).statusCode(), "only that call hangs");
    }

    @Test
    void delayThenNormalAnswer() {
        sim.failNext(Endpoint.CREDITS, Fault.delay(Duration.ofMillis(120)));
        long start = System.nanoTime();
        HttpResponse<String> reply = client.get(CREDITS);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 120);
        assertEquals(0, SimClient.json(reply).get("code").getAsInt());
    }

    @Test
    void chatFaultsComeBeforeTheStream() {
        String session = client.createSession();
        sim.failNext(Endpoint.CHAT, Fault.http(429));
        sim.failNext(Endpoint.CHAT, Fault.code(1001, "token expired"));
        assertEquals(429, client.chat(session, "x").statusCode());
        assertEquals(1001, SimClient.json(client.chat(session, "x")).get("code").getAsInt());
        assertTrue(sim.chatMessages().isEmpty());
        assertEquals(2, sim.requests(Endpoint.CHAT).size());
    }

    @Test
    void faultsAreDescribedInToString() {
        assertEquals("Fault.http(503)", Fault.http(503).toString());
        assertEquals("Fault.hang", Fault.hang().toString());
        assertThrows(IllegalArgumentException.class, () -> Fault.http(42));
        assertThrows(IllegalArgumentException.class, () -> sim.failEvery(Endpoint.CHAT, 0, Fault.http(500)));
    }
}
