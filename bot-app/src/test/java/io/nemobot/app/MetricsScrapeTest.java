package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.CoreTime;
import io.nemobot.testing.Exposition;
import io.nemobot.testing.PromTool;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real turns through the core against the simulator and a recording platform, with the ops endpoints
 * the launcher serves: after each, {@code /metrics} is scraped over HTTP and the series that should
 * have moved did, by the amount they should have.
 */
class MetricsScrapeTest {
    /**
     * The core's time: its render polls, pauses and pacing move only while a test waits. The ops
     * server's credits poller (every 200 ms, "answered recently" meaning within 600 ms) is on the same
     * time, its polls handed to a thread of their own, so a slow machine cannot age an answer between
     * two looks at {@code /readyz}.
     */
    private final CoreTime time = new CoreTime();
    private static final ThreadKey THREAD = new ThreadKey("test", "W1", "C1", "T1");
    private static final Author ANA = Author.human("U1", "Ana");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    private NemoSimulator simulator;
    private Operations ops;
    private BotCore core;
    private final RecordingPlatform platform = RecordingPlatform.fast("test");
    private int events;

    @BeforeEach
    void start() {
        simulator = NemoSimulator.start();
        simulator.setDemoPace(Duration.ofMillis(1));
        ops = new Operations(OptionalInt.of(0), Duration.ofMillis(200), time.clock(),
                () -> new HandOffTimer(time.scheduler()));
        core = time.drive(BotCore.builder().settings(Settings.of(TestCores.fastSettings(simulator.baseUrl(), data)))
                .metrics(ops.metrics())).build();
        core.register(platform);
        ops.start(core);
        core.start();
    }

    @AfterEach
    void stop() {
        ops.close();
        core.close();
        simulator.close();
    }

    @Test
    void aCompletedTurnCountsItsOutcomeFirstTextLagBackendAndPlatformCalls() throws Exception {
        simulator.enqueueTurn(Turn.agent().text("Here is a plan ").text("for your city video."));
        say("plan a city video");
        Exposition after = awaitScrape(s -> s.value("nemo_turn_first_text_seconds_count") == 1
                && s.value("nemo_turns_total", "intent", "chat", "outcome", "completed") == 1);
        assertEquals(0, after.value("nemo_turns_total", "outcome", "failed"), "nothing failed");
        assertTrue(after.value("nemo_chunk_lag_seconds_count", "platform", "test") >= 1, "streamed text was shown");
        assertEquals(1, after.value("nemo_backend_request_duration_seconds_count", "endpoint", "chat", "outcome", "ok"));
        assertEquals(1, after.value("nemo_backend_request_duration_seconds_count", "endpoint", "session", "outcome", "ok"));
        assertTrue(after.value("nemo_platform_request_duration_seconds_count", "platform", "test", "method", "post",
                "outcome", "ok") >= 1);
        assertTrue(after.value("nemo_store_write_duration_seconds_count") >= 2, "the binding and the open turn were saved");
        assertEquals(1, after.value("nemo_turn_duration_seconds_count", "intent", "chat"));
    }

    @Test
    void aFileOverTheLimitIsARefusedUploadAndSendsNoByteWhileAnAcceptedOneCountsItsBytes() throws Exception {
        upload("huge.mp4", 600L * 1024 * 1024, new byte[0]);
        Exposition refused = awaitScrape(s -> s.value("nemo_turns_total", "intent", "upload", "outcome", "refused") == 1);
        assertEquals(1, refused.value("nemo_turns_total", "intent", "upload", "reason", "file_size"));
        assertEquals(0, refused.value("nemo_upload_bytes_total"), "not a byte was sent");
        assertEquals(0, refused.value("nemo_backend_request_duration_seconds_count", "endpoint", "upload"));

        byte[] mp4 = new byte[4096];
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 0, mp4, 0, 12);
        upload("clip.mp4", mp4.length, mp4);
        Exposition accepted = awaitScrape(s -> s.value("nemo_turns_total", "intent", "upload", "outcome", "completed") == 1);
        assertEquals(4096, accepted.value("nemo_upload_bytes_total"));
        assertEquals(1, accepted.value("nemo_backend_request_duration_seconds_count", "endpoint", "upload", "outcome", "ok"));
        assertEquals(1, accepted.value("nemo_platform_request_duration_seconds_count", "platform", "test", "method", "download",
                "outcome", "ok"), "fetching the file from the platform is a timed platform call; the refused one was never fetched");
    }

    @Test
    void aPlatform429IsCountedAsRateLimitedAndTheReplyStillLands() throws Exception {
        AtomicBoolean refusedOnce = new AtomicBoolean();
        platform.faults(c -> c.kind().equals("post") && refusedOnce.compareAndSet(false, true)
                ? ChatPlatformException.rateLimited(Duration.ofMillis(30)) : null);
        simulator.enqueueTurn(Turn.agent().text("Done after a wait."));
        say("a short clip please");
        Exposition s = awaitScrape(x -> x.value("nemo_turns_total", "outcome", "completed") == 1
                && x.value("nemo_platform_request_duration_seconds_count", "method", "post", "outcome", "ok") >= 1);
        assertEquals(1, s.value("nemo_platform_request_duration_seconds_count", "platform", "test", "method", "post",
                "outcome", "rate_limited"));
        assertTrue(platform.transcript(THREAD).contains("Done after a wait."), platform.transcript(THREAD));
    }

    @Test
    void aFailedRenderIsCountedWithItsDuration() throws Exception {
        say("make a video of a city at night");
        time.await(() -> platform.transcript(THREAD).contains("Say export"), () -> platform.transcript(THREAD));
        simulator.setRenderScript(RenderScript.steps(RenderStep.processing(30), RenderStep.failed("encoder crashed")));
        say("export");
        // The gauge is read at scrape time: wait until the ended render has left it too.
        Exposition s = awaitScrape(x -> x.value("nemo_render_duration_seconds_count", "outcome", "failed") == 1
                && x.value("nemo_renders_in_flight") == 0);
        assertEquals(0, s.value("nemo_render_duration_seconds_count", "outcome", "completed"));
        assertEquals(1, s.value("nemo_backend_request_duration_seconds_count", "endpoint", "render_submit", "outcome", "ok"));
        assertTrue(s.value("nemo_backend_request_duration_seconds_count", "endpoint", "render_poll", "outcome", "ok") >= 2);
        assertEquals(0, s.value("nemo_renders_in_flight"), "the render has ended");
        assertEquals(1, s.value("nemo_turns_total", "intent", "export", "outcome", "completed"), "the export turn itself");
    }

    @Test
    void theExpositionPassesPromtoolAfterRealTurns() throws Exception {
        simulator.enqueueTurn(Turn.agent().text("Short answer."));
        say("hello there");
        awaitScrape(s -> s.value("nemo_turns_total", "outcome", "completed") == 1);
        PromTool.Result result = PromTool.require().run(get("/metrics").body(), "check", "metrics");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void readyzIs503WhileTheBackendIsUnreachableAnd200OnceItReturns() throws Exception {
        time.await(() -> status("/readyz") == 200, () -> body("/readyz"));
        int port = simulator.port();
        simulator.close();
        time.await(() -> status("/readyz") == 503, () -> body("/readyz"));
        assertTrue(body("/readyz").startsWith("backend:"), body("/readyz"));
        assertEquals(0, Exposition.parse(get("/metrics").body()).value("nemo_ready"));
        simulator = NemoSimulator.start(port);
        time.await(() -> status("/readyz") == 200, () -> body("/readyz"));
        assertEquals(1, Exposition.parse(get("/metrics").body()).value("nemo_ready"));
    }

    private void say(String text) {
        core.conversations().accept(IncomingMessage.text(THREAD, ANA, text, "e" + (++events)), platform.thread(THREAD));
    }

    private void upload(String name, long size, byte[] bytes) {
        Attachment file = new Attachment(name, size, "video/mp4", () -> new ByteArrayInputStream(bytes));
        core.conversations().accept(new IncomingMessage(THREAD, ANA, "", List.of(file), Optional.empty(),
                "e" + (++events), time.clock().instant()), platform.thread(THREAD));
    }

    private Exposition awaitScrape(java.util.function.Predicate<Exposition> condition) {
        Exposition[] last = new Exposition[1];
        time.await(() -> {
            last[0] = Exposition.parse(body("/metrics"));
            return condition.test(last[0]);
        }, () -> body("/metrics").lines().filter(l -> l.startsWith("nemo_")).reduce("", (a, b) -> a + "\n" + b)
                + "\n" + platform.transcript(THREAD));
        return last[0];
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) {
        try {
            return get(path).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
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
