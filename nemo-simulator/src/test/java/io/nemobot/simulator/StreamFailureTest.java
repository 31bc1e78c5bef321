package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamFailureTest {

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim).login();
    private final String session = client.createSession();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void aCutStreamEndsWithAnIOExceptionAfterHalfAnEvent() throws Exception {
        sim.enqueueTurn(Turn.agent().text("before the cut").cut());

        HttpResponse<InputStream> reply = client.http.send(
                client.chatRequest(session, "x"), HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, reply.statusCode());
        StringBuilder seen = new StringBuilder();
        try (InputStream in = reply.body()) {
            IOException cut = assertThrows(IOException.class, () -> {
                byte[] buffer = new byte[1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            });
            assertTrue(cut.getMessage() != null || cut.getCause() != null);
        }
        // What the client saw last may be lost with the connection: only what came before is sure.
        assertTrue(seen.toString().startsWith("data: {\"id\":\"e1\""), seen.toString());
        assertTrue(seen.toString().contains("before the cut"));
        assertTrue(!seen.toString().contains("\"e2\"") || !seen.toString().endsWith("\n\n"),
                "the last event is incomplete: " + seen);
        sim.awaitActiveStreams(0, SimClient.TIMEOUT);
    }

    @Test
    void onTheWireACutIsHalfAnEventAndNoLastChunk() throws Exception {
        sim.enqueueTurn(Turn.agent().text("before the cut").cut());
        String json = "{\"session_id\":\"" + session + "\",\"new_message\":{\"parts\":[{\"text\":\"x\"}]}}";
        StringBuilder wire = new StringBuilder();
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.setSoTimeout(10_000);
            String request = "POST /run_sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + client.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    wire.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (SocketException reset) {
                // a reset instead of a close is a cut too
            }
        }
        String text = wire.toString();
        assertTrue(text.startsWith("HTTP/1.1 200"), text);
        assertTrue(text.contains("Transfer-encoding: chunked") || text.contains("Transfer-Encoding: chunked"), text);
        assertTrue(text.contains("before the cut"), text);
        assertTrue(text.contains("data: {\"id\":\"e2\""), text);
        assertTrue(!text.contains("this event never ends"), text);
        assertTrue(!text.endsWith("0\r\n\r\n"), "no last chunk: " + text);
    }

    @Test
    void aHungStreamSendsHeadersThenNothingUntilReset() throws Exception {
        sim.enqueueTurn(Turn.agent().text("one").hang());

        HttpResponse<InputStream> reply = client.http.send(
                client.chatRequest(session, "x"), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, reply.statusCode());
        InputStream in = reply.body();
        byte[] first = new byte[12];
        assertEquals(12, in.readNBytes(first, 0, 12));
        CompletableFuture<Integer> next = CompletableFuture.supplyAsync(() -> {
            try {
                in.readAllBytes();
                return 0;
            } catch (IOException e) {
                return -1;
            }
        });
        assertThrows(TimeoutException.class, () -> next.get(300, TimeUnit.MILLISECONDS),
                "the client gives up: no byte came");
        assertEquals(1, sim.activeStreams());

        sim.reset();

        assertEquals(-1, next.get(10, TimeUnit.SECONDS), "reset drops the hung stream");
    }

    @Test
    void releaseHangsDropsHungStreamsAndHungRequests() throws Exception {
        sim.enqueueTurn(Turn.agent().hang());
        sim.failNext(Endpoint.CREATE_SESSION, Fault.hang());
        CompletableFuture<HttpResponse<String>> stream = client.chatAsync(session, "x");
        // a POST: the JDK client silently retries a GET whose connection closed without an answer
        CompletableFuture<HttpResponse<String>> created = client.http.sendAsync(
                client.request("/api/tasks/me/with-session/nemo_agent").POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        sim.awaitActiveStreams(1, SimClient.TIMEOUT);
        sim.awaitRequests(Endpoint.CREATE_SESSION, 2, SimClient.TIMEOUT);

        sim.releaseHangs();

        assertInstanceOf(IOException.class,
                assertThrows(ExecutionException.class, () -> stream.get(10, TimeUnit.SECONDS)).getCause());
        assertInstanceOf(IOException.class,
                assertThrows(ExecutionException.class, () -> created.get(10, TimeUnit.SECONDS)).getCause());
        sim.awaitActiveStreams(0, SimClient.TIMEOUT);
        assertEquals(200, client.get("/api/credits/balance/simple").statusCode(), "the simulator goes on");
    }

    @Test
    void pauseWaitsBeforeTheNextEvent() {
        sim.enqueueTurn(Turn.typed().text("a").pause(Duration.ofMillis(150)).text("b"));
        long start = System.nanoTime();
        String body = client.chat(session, "x").body();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 150);
        assertTrue(body.endsWith("{\"type\":\"text\",\"content\":\"b\"}\n\n"));
    }

    @Test
    void fiftyStreamsAreOpenAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        sim.setDefaultTurn(Turn.agent().text("started").pauseUntil(gate).finalText("done"));

        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            replies.add(client.chatAsync(session, "stream " + i));
        }
        sim.awaitActiveStreams(50, Duration.ofSeconds(20));
        gate.countDown();

        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            assertTrue(reply.get(20, TimeUnit.SECONDS).body().contains("done"));
        }
        sim.awaitActiveStreams(0, SimClient.TIMEOUT);
        assertEquals(50, sim.peakActiveStreams());
        assertEquals(50, sim.chatMessages().size());
    }

    @Test
    void closingTheSimulatorDropsPausedStreams() throws Exception {
        sim.enqueueTurn(Turn.agent().text("a").pauseUntil(new CountDownLatch(1)));
        CompletableFuture<HttpResponse<String>> reply = client.chatAsync(session, "x");
        sim.awaitActiveStreams(1, SimClient.TIMEOUT);

        sim.close();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failed.getCause());
    }
}
