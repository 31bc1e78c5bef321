package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.core.BotCore;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.testing.Exposition;
import io.nemobot.testing.ManualScheduler;
import io.nemobot.testing.MutableClock;
import io.nemobot.testing.TestCores;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's ops wiring against the simulator: readiness from the real store, backend and a platform. */
class OperationsTest {
    private static final Duration POLL = Duration.ofMillis(200);
    /** The credits poller's time: it polls when the test moves it, on the test's thread. */
    private final ManualScheduler timer = new ManualScheduler();
    private final MutableClock clock = new MutableClock();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    private NemoSimulator simulator;
    private Operations ops;
    private BotCore core;

    @BeforeEach
    void start() {
        simulator = NemoSimulator.start();
        ops = new Operations(OptionalInt.of(0), POLL, clock, () -> timer);
        core = BotCore.builder().settings(io.nemobot.config.Settings.of(
                TestCores.fastSettings(simulator.baseUrl(), data))).metrics(ops.metrics()).build();
    }

    @AfterEach
    void stop() {
        ops.close();
        core.close();
        simulator.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyOnceTheBackendAnswersAndEveryPlatformIsConnected() throws Exception {
        AtomicBoolean discordUp = new AtomicBoolean(false);
        ops.requirePlatform("discord", discordUp::get);
        ops.start(core);
        assertSame(ops.metrics(), core.metrics(), "the core reports to the registry that is served");
        assertEquals("discord: not connected\nbackend: has not answered yet\n", body("/readyz"));

        timer.runDue(); // the first credits poll
        assertEquals("discord: not connected\n", body("/readyz"));
        assertEquals(503, get("/readyz").statusCode());
        discordUp.set(true);
        assertEquals(200, get("/readyz").statusCode());

        Exposition scrape = Exposition.parse(get("/metrics").body());
        assertEquals(100, scrape.value("nemo_credits_available"), "the simulator's anonymous account");
        assertEquals(1, scrape.value("nemo_ready"));
        assertEquals(200, get("/healthz").statusCode());

        clock.advance(POLL.multipliedBy(3).plusMillis(1)); // three polls' time without an answer
        assertEquals(503, get("/readyz").statusCode());
        assertTrue(body("/readyz").startsWith("backend: no answer"), body("/readyz"));
        timer.advance(POLL); // the next poll answers
        assertEquals(200, get("/readyz").statusCode());
    }

    @Test
    void closingDrainsAndFreesThePort() throws Exception {
        ops.start(core);
        int port = ops.port();
        ops.close();
        assertThrows(ConnectException.class, () -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void withoutAPortNothingIsServedAndTheCoreCountsNothing() {
        try (Operations off = new Operations(new io.nemobot.config.OpsSettings(OptionalInt.empty(), "text"))) {
            off.start(core);
            assertSame(BotMetrics.NONE, off.metrics());
            assertEquals(-1, off.port());
        }
    }

    private String body(String path) {
        try {
            return get(path).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
