package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void startsOnAFreeLoopbackPortAndAnswers404ForUnknownPaths() {
        try (NemoSimulator sim = NemoSimulator.start()) {
            assertEquals("http://127.0.0.1:" + sim.port(), sim.baseUrl());
            assertNotEquals(0, sim.port());
            HttpResponse<String> reply = new SimClient(sim).get("/nope");
            assertEquals(404, reply.statusCode());
            assertEquals(Endpoint.OTHER, sim.requests().get(0).endpoint());
        }
    }

    @Test
    void startsOnAGivenPortAndRefusesATakenOne() {
        int port;
        try (NemoSimulator first = NemoSimulator.start()) {
            port = first.port();
            assertThrows(UncheckedIOException.class, () -> NemoSimulator.start(port));
        }
        try (NemoSimulator again = NemoSimulator.start(port)) {
            assertEquals(port, again.port());
        }
    }

    @Test
    void closeIsIdempotent() {
        NemoSimulator sim = NemoSimulator.start();
        int port = sim.port();
        SimClient client = new SimClient(sim);
        assertEquals(404, client.get("/nope").statusCode());
        sim.close();
        assertDoesNotThrow(sim::close, "a second close is a no-op");
        assertThrows(UncheckedIOException.class, () -> client.get("/nope"), "a closed simulator answers nothing");
        try (NemoSimulator again = NemoSimulator.start(port)) {
            assertEquals(port, again.port(), "its port is free again");
        }
    }

    @Test
    void resetForgetsEverything() {
        try (NemoSimulator sim = NemoSimulator.start()) {
            SimClient client = new SimClient(sim).login();
            String session = client.createSession();
            sim.failAlways(Endpoint.CREDITS, Fault.http(500));
            sim.setCredits(0, 0, 0);

            sim.reset();

            assertEquals(0, sim.requests().size());
            assertEquals(0, sim.sessionsCreated());
            assertEquals(0, sim.anonymousTokensIssued());
            assertNull(sim.draft(session));
            HttpResponse<String> stale = client.get("/api/credits/balance/simple");
            assertEquals(1001, SimClient.json(stale).get("code").getAsInt());
            client.login();
            HttpResponse<String> credits = client.get("/api/credits/balance/simple");
            assertEquals(200, credits.statusCode());
            assertEquals(100, SimClient.json(credits).getAsJsonObject("data").get("available").getAsInt());
        }
    }

    @Test
    void recordedRequestsKeepHeadersWithLowerCaseNames() {
        try (NemoSimulator sim = NemoSimulator.start()) {
            SimClient client = new SimClient(sim).login();
            client.get("/api/credits/balance/simple");
            RecordedRequest request = sim.requests(Endpoint.CREDITS).get(0);
            assertEquals("GET", request.method());
            assertEquals("/api/credits/balance/simple", request.path());
            assertEquals("Bearer " + client.token(), request.header("AUTHORIZATION"));
            assertEquals("text-to-video-high-quality", request.headers().get("x-skill-source"));
            assertNull(request.body());
            assertTrue(request.receivedAtNanos() <= System.nanoTime());
            assertTrue(!request.toString().contains(client.token()), "toString never shows the token");
        }
    }

    @Test
    void awaitRequestsReturnsOnceSeenAndFailsWithWhatWasSeen() {
        try (NemoSimulator sim = NemoSimulator.start()) {
            SimClient client = new SimClient(sim).login();
            client.get("/api/credits/balance/simple");
            sim.awaitRequests(Endpoint.CREDITS, 1, Duration.ofSeconds(20));
            AssertionError error = assertThrows(AssertionError.class,
                    () -> sim.awaitRequests(Endpoint.CHAT, 1, Duration.ofMillis(50)));
            assertTrue(error.getMessage().contains("saw 0"), error.getMessage());
            assertTrue(error.getMessage().contains("/api/credits/balance/simple"), error.getMessage());
        }
    }

    @Test
    void mainOptionsParse() {
        assertEquals(new MainOptions(8787, OptionalLong.empty(), false, true), MainOptions.parse());
        assertEquals(new MainOptions(9000, OptionalLong.of(5), true, false),
                MainOptions.parse("--port", "9000", "--pace-ms=5", "--accept-any-token", "--no-token-quota"));
        assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--port", "x"));
        assertThrows(IllegalArgumentException.class, () -> MainOptions.parse("--bogus"));
    }
}
