package io.nemobot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.metrics.CallOutcome;
import io.nemobot.metrics.PrometheusBotMetrics;
import io.nemobot.testing.Exposition;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.PromTool;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ops endpoints over real HTTP on a free loopback port, as Prometheus and a probe reach them. */
class OpsServerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusBotMetrics metrics = new PrometheusBotMetrics();
    private final Readiness readiness = new Readiness(Duration.ofMillis(300));
    private final CountDownLatch release = new CountDownLatch(1);
    private OpsServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
        readiness.close();
        metrics.close();
    }

    private OpsServer start() {
        server = OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics::scrape,
                PrometheusBotMetrics.CONTENT_TYPE, readiness);
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void metricsIsAParsableScrapeThatMovesWithTheFacade() throws Exception {
        start();
        HttpResponse<String> before = get("/metrics");
        assertEquals(200, before.statusCode());
        assertEquals(PrometheusBotMetrics.CONTENT_TYPE, before.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0, Exposition.parse(before.body()).value("nemo_backend_request_duration_seconds_count"));

        metrics.backendCall("credits", CallOutcome.UNAVAILABLE, Duration.ofSeconds(2));
        HttpResponse<String> after = get("/metrics");
        assertEquals(1, Exposition.parse(after.body()).value("nemo_backend_request_duration_seconds_count",
                "endpoint", "credits", "outcome", "unavailable"));
        PromTool.Result lint = PromTool.require().run(after.body(), "check", "metrics");
        assertEquals(0, lint.exitCode(), lint.output());
    }

    @Test
    void healthzAnswersWhileTheProcessRunsEvenWhenNotReady() throws Exception {
        readiness.add("store", () -> Optional.of("does not answer"));
        start();
        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok\n", health.body());
    }

    @Test
    void readyzNamesEveryFailingCheckUntilTheyPass() throws Exception {
        MutableClock clock = new MutableClock();
        AtomicBoolean connected = new AtomicBoolean(false);
        AtomicReference<Instant> backendAnswered = new AtomicReference<>();
        readiness.add("store", ReadinessCheck.answers(() -> "fine"));
        readiness.add("discord", ReadinessCheck.connected(connected::get));
        readiness.add("backend", ReadinessCheck.answeredWithin(() -> Optional.ofNullable(backendAnswered.get()),
                clock, Duration.ofMinutes(3)));
        start();
        HttpResponse<String> down = get("/readyz");
        assertEquals(503, down.statusCode());
        assertEquals("discord: not connected\nbackend: has not answered yet\n", down.body());
        assertTrue(down.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

        connected.set(true);
        backendAnswered.set(clock.instant());
        HttpResponse<String> up = get("/readyz");
        assertEquals(200, up.statusCode(), up.body());
        assertEquals("ready\n", up.body());

        clock.advance(Duration.ofMinutes(4));
        HttpResponse<String> stale = get("/readyz");
        assertEquals(503, stale.statusCode());
        assertEquals("backend: no answer in the last 180 s\n", stale.body());
    }

    @Test
    void aCheckThatThrowsIsNotReadyAndItsMessageIsNotShown() throws Exception {
        readiness.add("store", () -> {
            throw new IllegalStateException("jdbc:sqlite:/secret/path token=abc");
        });
        start();
        HttpResponse<String> down = get("/readyz");
        assertEquals(503, down.statusCode());
        assertEquals("store: failed (IllegalStateException)\n", down.body());
    }

    @Test
    void aCheckThatHangsMakesReadyzAnswer503InTimeNotHang() throws Exception {
        readiness.add("store", () -> {
            release.await();
            return Optional.empty();
        });
        start();
        long started = System.nanoTime();
        HttpResponse<String> first = get("/readyz");
        HttpResponse<String> second = get("/readyz");
        assertEquals(503, first.statusCode());
        assertEquals("store: no answer within 300 ms\n", second.body());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0);
        release.countDown();
    }

    @Test
    void drainingIsNotReadyAndTheGaugeSaysSo() throws Exception {
        readiness.add("store", ReadinessCheck.answers(() -> "fine"));
        metrics.ready(() -> readiness.check().ready());
        start();
        assertEquals(200, get("/readyz").statusCode());
        assertEquals(1, Exposition.parse(get("/metrics").body()).value("nemo_ready"));

        readiness.drain();
        HttpResponse<String> draining = get("/readyz");
        assertEquals(503, draining.statusCode());
        assertEquals("draining: shutting down\n", draining.body());
        assertEquals(0, Exposition.parse(get("/metrics").body()).value("nemo_ready"));
    }

    @Test
    void onlyTheThreePathsAndOnlyReadsAreServed() throws Exception {
        start();
        assertEquals(404, get("/metrics/extra").statusCode());
        assertEquals(404, get("/").statusCode());
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/metrics")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, post.statusCode());
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/healthz")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void aTakenPortIsReportedNamingIt() {
        start();
        int taken = server.port();
        UncheckedIOException bind = assertThrows(UncheckedIOException.class,
                () -> OpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken), metrics::scrape,
                        PrometheusBotMetrics.CONTENT_TYPE, readiness));
        assertTrue(bind.getMessage().contains(String.valueOf(taken)), bind.getMessage());
    }
}
