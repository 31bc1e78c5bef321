package io.nemobot.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.nemobot.simulator.Drafts;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.Fault;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RecordedRequest;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderShape;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.ReplyShape;
import io.nemobot.simulator.Turn;
import io.nemobot.store.MemoryStore;
import io.nemobot.testing.Await;
import io.nemobot.testing.ManualScheduler;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client over HTTP against the simulator: every row of nemo-api.md's error table, headers, tokens, streams. */
class NemoClientTest {
    private static final Draft DEMO = Draft.parse(Drafts.demo().toString());
    private static final SkillHeaders SKILL = new SkillHeaders("text-to-video-kaggle", "1.2.3", "unknown");
    NemoSimulator sim;
    MemoryStore store;
    ScheduledExecutorService timer;
    NemoClient client;
    final List<Duration> slept = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        store = new MemoryStore();
        timer = Executors.newSingleThreadScheduledExecutor();
        client = client(settings());
    }

    NemoSettings settings() {
        return new NemoSettings(sim.baseUrl(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 256);
    }

    NemoClient client(NemoSettings settings) {
        return new NemoClient(settings, store, d -> slept.add(d), timer, System::nanoTime);
    }

    @AfterEach
    void stop() {
        client.close();
        timer.shutdownNow();
        sim.close();
    }

    private List<NemoEvent> chat(String sid, String text) {
        List<NemoEvent> events = new ArrayList<>();
        client.chat(SKILL, sid, text, events::add);
        return events;
    }

    @Test
    void everyRequestCarriesTheTokenAndTheThreeSkillHeaders() {
        String sid = client.createSession(SKILL, "en").sessionId();
        client.credits(SKILL);
        client.state(SKILL, sid);
        sim.enqueueTurn(Turn.agent().finalText("ok"));
        chat(sid, "hi");
        for (RecordedRequest r : sim.requests()) {
            if (r.endpoint() == Endpoint.ANON_TOKEN) {
                assertTrue(r.header("X-Client-Id") != null && !r.header("X-Client-Id").isBlank());
                continue;
            }
            assertTrue(r.header("Authorization").startsWith("Bearer sim_tok_"), r.toString());
            assertEquals("text-to-video-kaggle", r.header("X-Skill-Source"));
            assertEquals("1.2.3", r.header("X-Skill-Version"));
            assertEquals("unknown", r.header("X-Skill-Platform"));
        }
    }

    @Test
    void theAnonymousTokenCallCarriesTheThreeSkillHeadersToo() {
        client.credits(SKILL);
        List<RecordedRequest> tokenCalls = sim.requests(Endpoint.ANON_TOKEN);
        assertEquals(1, tokenCalls.size());
        RecordedRequest r = tokenCalls.get(0);
        assertEquals("text-to-video-kaggle", r.header("X-Skill-Source"), r.toString());
        assertEquals("1.2.3", r.header("X-Skill-Version"), r.toString());
        assertEquals("unknown", r.header("X-Skill-Platform"), r.toString());
        assertEquals(null, r.header("Authorization"), "the token call has no token to send");
    }

    @Test
    void tokenAndClientIdArePersistedAndReusedAfterARestart() {
        client.credits(SKILL);
        client.close();
        client = client(settings());
        client.credits(SKILL);
        assertEquals(1, sim.anonymousTokensIssued(), "a restart reuses the stored token");
        assertTrue(store.credential("nemo.client_id").isPresent());
    }

    @Test
    void aConfiguredTokenIsUsedAsIsAndNeverReplacedAnonymously() {
        sim.acceptToken("nmv_fake_configured");
        NemoSettings s = settings();
        client = client(new NemoSettings(s.baseUrl(), Optional.of("nmv_fake_configured"), Optional.empty(),
                s.requestTimeout(), s.streamMaxDuration(), s.streamIdleTimeout(), s.rateLimitRetryAfter(), 16));
        client.credits(SKILL);
        assertEquals(0, sim.anonymousTokensIssued());
        sim.expireTokens();
        NemoException e = assertThrows(NemoException.class, () -> client.credits(SKILL));
        assertEquals(NemoException.Kind.UNAUTHORIZED, e.kind());
        assertEquals(0, sim.anonymousTokensIssued());
    }

    @Test
    void code1001ReauthenticatesOnceAndRetries() {
        client.credits(SKILL);
        sim.expireTokens();
        client.credits(SKILL);
        assertEquals(2, sim.anonymousTokensIssued());
    }

    @Test
    void http401AlsoReauthenticates() {
        sim.setUnauthorizedAsHttp401(true);
        client.credits(SKILL);
        sim.expireTokens();
        client.credits(SKILL);
        assertEquals(2, sim.anonymousTokensIssued());
    }

    @Test
    void manyConversationsSeeingAnExpiredTokenReauthenticateOnce() throws Exception {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.expireTokens();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                go.await();
                return client.state(SKILL, sid);
            }));
        }
        go.countDown();
        for (Future<?> f : calls) {
            f.get();
        }
        pool.shutdown();
        assertEquals(2, sim.anonymousTokensIssued(), "one token at start, one re-auth for all eight");
    }

    @Test
    void code1002IsSessionNotFound() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.dropSession(sid);
        assertEquals(NemoException.Kind.SESSION_NOT_FOUND, assertThrows(NemoException.class, () -> client.state(SKILL, sid)).kind());
        assertEquals(NemoException.Kind.SESSION_NOT_FOUND, assertThrows(NemoException.class, () -> chat(sid, "hi")).kind());
    }

    @Test
    void code2001IsNoCreditsAndIsNotRetried() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.setCredits(0, 0, 100);
        NemoException e = assertThrows(NemoException.class, () -> chat(sid, "make a video"));
        assertEquals(NemoException.Kind.NO_CREDITS, e.kind());
        assertEquals(Optional.of(2001), e.backendCode());
        assertEquals(0, sim.chatMessages().size());
    }

    @Test
    void codes4001And4002AreFileRefusals() {
        String sid = client.createSession(SKILL, "en").sessionId();
        byte[] bytes = new byte[64];
        NemoException wrongType = assertThrows(NemoException.class, () -> client.upload(SKILL, sid,
                List.of(new UploadPart("notes.exe", "application/octet-stream", bytes.length, () -> new ByteArrayInputStream(bytes)))));
        assertEquals(NemoException.Kind.UNSUPPORTED_FILE, wrongType.kind());
        sim.setUploadLimitBytes(10);
        NemoException tooLarge = assertThrows(NemoException.class, () -> client.upload(SKILL, sid,
                List.of(new UploadPart("clip.mp4", "video/mp4", bytes.length, () -> new ByteArrayInputStream(bytes)))));
        assertEquals(NemoException.Kind.FILE_TOO_LARGE, tooLarge.kind());
    }

    @Test
    void http400OnTheTokenCallRegeneratesTheClientIdAndRetriesOnce() {
        sim.failNext(Endpoint.ANON_TOKEN, Fault.http(400, "{\"code\":400,\"message\":\"missing X-Client-Id\"}"));
        client.credits(SKILL);
        List<RecordedRequest> tokenCalls = sim.requests(Endpoint.ANON_TOKEN);
        assertEquals(2, tokenCalls.size());
        assertNotEquals(tokenCalls.get(0).header("X-Client-Id"), tokenCalls.get(1).header("X-Client-Id"));
    }

    @Test
    void http402OnExportIsThePlanNotCredits() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.failNext(Endpoint.RENDER_SUBMIT, Fault.http(402));
        NemoException e = assertThrows(NemoException.class,
                () -> client.submitRender(SKILL, sid, DEMO, () -> "render_" + System.nanoTime()));
        assertEquals(NemoException.Kind.PLAN_BLOCKED, e.kind());
        assertEquals(1, sim.requests(Endpoint.RENDER_SUBMIT).size(), "a plan refusal is not retried");
    }

    @Test
    void http429WaitsTheConfiguredTimeAndRetriesOnce() {
        sim.failNext(Endpoint.ANON_TOKEN, Fault.http(429));
        sim.failNext(Endpoint.CREDITS, Fault.http(429));
        client.credits(SKILL);
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), slept);
        sim.failNext(Endpoint.CREDITS, Fault.http(429));
        sim.failNext(Endpoint.CREDITS, Fault.http(429));
        assertEquals(NemoException.Kind.RATE_LIMITED, assertThrows(NemoException.class, () -> client.credits(SKILL)).kind());
    }

    @Test
    void http429OnAChatMessageIsRetriedOnceBecauseItWasNotAccepted() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.failNext(Endpoint.CHAT, Fault.http(429));
        sim.enqueueTurn(Turn.agent().finalText("ok"));
        chat(sid, "hi");
        assertEquals(1, sim.chatMessages().size());
        assertEquals(2, sim.requests(Endpoint.CHAT).size());
    }

    @Test
    void serverErrorsOnReadsAreRetriedOnceAndThenReportedAsUnavailable() {
        client.credits(SKILL);
        sim.failNext(Endpoint.CREDITS, Fault.http(502));
        client.credits(SKILL);
        sim.failAlways(Endpoint.CREDITS, Fault.http(503));
        assertEquals(NemoException.Kind.BACKEND_UNAVAILABLE, assertThrows(NemoException.class, () -> client.credits(SKILL)).kind());
    }

    @Test
    void aFailedRenderSubmitIsRetriedOnceWithANewId() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.failNext(Endpoint.RENDER_SUBMIT, Fault.http(500));
        int[] n = {0};
        String id = client.submitRender(SKILL, sid, DEMO, () -> "render_" + (++n[0]));
        assertEquals("render_2", id);
        JsonObject body = sim.renderSubmission("render_2");
        assertEquals(sid, body.get("sessionId").getAsString());
        assertEquals("mp4", body.getAsJsonObject("output").get("format").getAsString());
    }

    @Test
    void anExportSendsTheDraftBackExactlyAsTheStateHeldIt() {
        String sid = client.createSession(SKILL, "en").sessionId();
        JsonObject original = Drafts.demo();
        original.addProperty("version", 3);
        JsonObject canvas = new JsonObject();
        canvas.addProperty("w", 1920);
        original.add("canvas", canvas);
        original.getAsJsonArray("t").get(0).getAsJsonObject().addProperty("fx", "glow");
        assertTrue(sim.setDraft(sid, original));
        Draft draft = client.state(SKILL, sid).draft();
        assertEquals(3, draft.tracks().size());
        assertEquals(DraftTrack.Type.VIDEO, draft.tracks().get(0).type());
        String id = client.submitRender(SKILL, sid, draft, () -> "render_verbatim");
        assertEquals(original, sim.renderSubmission(id).get("draft"), "unknown fields included");
    }

    @Test
    void renderStatusIsReadInEveryShape() {
        String sid = client.createSession(SKILL, "en").sessionId();
        for (RenderShape shape : RenderShape.values()) {
            sim.setRenderShape(shape);
            sim.setRenderScript(RenderScript.steps(RenderStep.processing(40), RenderStep.completed("https://cdn.example/" + shape + ".mp4")));
            String id = client.submitRender(SKILL, sid, DEMO, () -> "render_" + shape);
            RenderStatus first = client.pollRender(SKILL, id);
            assertEquals(RenderStatus.Phase.PROCESSING, first.phase(), shape.toString());
            assertEquals(40, first.progress(), shape.toString());
            RenderStatus done = client.pollRender(SKILL, id);
            assertEquals(RenderStatus.Phase.COMPLETED, done.phase(), shape.toString());
            assertEquals(Optional.of("https://cdn.example/" + shape + ".mp4"), done.url(), shape.toString());
        }
    }

    @Test
    void bareRepliesAreUnderstood() {
        sim.setReplyShape(Endpoint.CREDITS, ReplyShape.BARE);
        sim.setCredits(7, 1, 8);
        assertEquals(new Credits(7, 1, 8), client.credits(SKILL));
    }

    /** A client whose stream watchdog runs on {@code clock}: the test moves time, nothing waits for it. */
    private NemoClient manualClockClient(ManualScheduler clock, Duration ceiling, Duration idle) {
        NemoSettings s = settings();
        return new NemoClient(new NemoSettings(s.baseUrl(), Optional.empty(), Optional.empty(), s.requestTimeout(),
                ceiling, idle, s.rateLimitRetryAfter(), 16), store, d -> slept.add(d), clock, clock.clock());
    }

    @Test
    void anIdleStreamTimesOutWithoutAResend() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        client = manualClockClient(clock, Duration.ofMinutes(15), Duration.ofMinutes(10));
        String sid = client.createSession(SKILL, "en").sessionId();
        CountDownLatch never = new CountDownLatch(1);
        sim.enqueueTurn(Turn.typed().text("Working").heartbeat().heartbeat().pauseUntil(never));
        List<NemoEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StreamOutcome> turn = pool.submit(() -> client.chat(SKILL, sid, "go", seen::add));
            Await.until(() -> seen.stream().filter(e -> e instanceof NemoEvent.Heartbeat).count() == 2,
                    Await.WAIT, seen::toString);
            clock.advance(Duration.ofMinutes(9).plusSeconds(59));
            assertTrue(!turn.isDone(), "heartbeats for less than the idle time-out keep the turn open");
            clock.advance(Duration.ofSeconds(1));
            StreamOutcome outcome = turn.get(5, TimeUnit.SECONDS);
            assertEquals(StreamOutcome.Ending.IDLE_TIMEOUT, outcome.ending());
            assertEquals(Duration.ofMinutes(10), outcome.elapsed());
            assertEquals(1, sim.chatMessages().size());
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamThatKeepsTalkingMayRunLongerThanTheIdleTimeout() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        client = manualClockClient(clock, Duration.ofMinutes(20), Duration.ofMinutes(10));
        String sid = client.createSession(SKILL, "en").sessionId();
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch last = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("tick ").pauseUntil(second).comment().text("tock ").pauseUntil(last)
                .finalText("done"));
        List<NemoEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StreamOutcome> turn = pool.submit(() -> client.chat(SKILL, sid, "go", events::add));
            Await.until(() -> events.size() == 1, Await.WAIT, events::toString);
            clock.advance(Duration.ofMinutes(8));
            second.countDown();
            Await.until(() -> events.size() >= 2, Await.WAIT, events::toString);
            clock.advance(Duration.ofMinutes(8));
            assertTrue(!turn.isDone(), "16 minutes in, but only 8 since the last text: still open");
            last.countDown();
            StreamOutcome outcome = turn.get(5, TimeUnit.SECONDS);
            assertEquals(StreamOutcome.Ending.COMPLETED, outcome.ending());
            assertEquals(Duration.ofMinutes(16), outcome.elapsed());
            assertTrue(events.contains(new NemoEvent.Text("done", false, true)), events.toString());
        } finally {
            second.countDown();
            last.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamCutMidEventEndsAsCutAndIsNotResent() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.enqueueTurn(Turn.agent().text("Half").cut());
        StreamOutcome outcome = client.chat(SKILL, sid, "go", e -> { });
        assertEquals(StreamOutcome.Ending.CUT, outcome.ending());
        assertEquals(1, sim.requests(Endpoint.CHAT).size());
    }

    @Test
    void aNonEventStreamReplyIsAFailureNotAResend() {
        String sid = client.createSession(SKILL, "en").sessionId();
        sim.enqueueTurn(Turn.agent().contentType("text/plain").text("hello"));
        NemoException e = assertThrows(NemoException.class, () -> chat(sid, "go"));
        assertEquals(NemoException.Kind.BACKEND_UNAVAILABLE, e.kind());
        assertEquals(1, sim.requests(Endpoint.CHAT).size());
    }

    @Test
    void streamsBeyondTheConfiguredLimitWaitForOneToEnd() throws Exception {
        NemoSettings s = settings();
        client = client(new NemoSettings(s.baseUrl(), Optional.empty(), Optional.empty(), s.requestTimeout(),
                Duration.ofSeconds(10), Duration.ofSeconds(5), s.rateLimitRetryAfter(), 1));
        String first = client.createSession(SKILL, "en").sessionId();
        String second = client.createSession(SKILL, "en").sessionId();
        CountDownLatch open = new CountDownLatch(1);
        sim.enqueueTurn(first, Turn.agent().text("one").pauseUntil(open).finalText("one"));
        sim.enqueueTurn(second, Turn.agent().finalText("two"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<StreamOutcome> a = pool.submit(() -> client.chat(SKILL, first, "go", e -> { }));
            io.nemobot.testing.Await.until(() -> sim.activeStreams() == 1, Await.WAIT, () -> "first stream open");
            Thread[] waiter = new Thread[1];
            Future<StreamOutcome> b = pool.submit(() -> {
                waiter[0] = Thread.currentThread();
                return client.chat(SKILL, second, "go", e -> { });
            });
            io.nemobot.testing.Await.until(() -> waiter[0] != null && waiter[0].getState() == Thread.State.WAITING,
                    Await.WAIT, () -> "second caller waiting");
            assertEquals(1, sim.requests(Endpoint.CHAT).size(), "the second message waits; it is not sent yet");
            open.countDown();
            assertEquals(StreamOutcome.Ending.COMPLETED, a.get(5, java.util.concurrent.TimeUnit.SECONDS).ending());
            assertEquals(StreamOutcome.Ending.COMPLETED, b.get(5, java.util.concurrent.TimeUnit.SECONDS).ending());
            assertEquals(2, sim.requests(Endpoint.CHAT).size());
            assertEquals(1, sim.peakActiveStreams());
        } finally {
            open.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheClientEndsAStreamBlockedOnTheCallersThread() throws Exception {
        String sid = client.createSession(SKILL, "en").sessionId();
        CountDownLatch never = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("waiting").pauseUntil(never));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<NemoEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            Future<StreamOutcome> turn = pool.submit(() -> client.chat(SKILL, sid, "go", seen::add));
            io.nemobot.testing.Await.until(() -> !seen.isEmpty(), Await.WAIT, () -> "stream open");
            client.close();
            assertEquals(StreamOutcome.Ending.CUT, turn.get(5, java.util.concurrent.TimeUnit.SECONDS).ending(),
                    "the stream's thread is freed, not left reading");
        } finally {
            never.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamThatOutlivesTheCeilingIsStopped() throws Exception {
        ManualScheduler clock = new ManualScheduler();
        client = manualClockClient(clock, Duration.ofMinutes(15), Duration.ofMinutes(10));
        String sid = client.createSession(SKILL, "en").sessionId();
        List<CountDownLatch> gates = new ArrayList<>();
        Turn talking = Turn.agent();
        for (int i = 0; i < 3; i++) {
            CountDownLatch gate = new CountDownLatch(1);
            gates.add(gate);
            talking = talking.text("more ").pauseUntil(gate);
        }
        sim.enqueueTurn(talking);
        List<NemoEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<StreamOutcome> turn = pool.submit(() -> client.chat(SKILL, sid, "go", events::add));
            for (int i = 0; i < 2; i++) {
                int n = i + 1;
                Await.until(() -> events.size() == n, Await.WAIT, events::toString);
                clock.advance(Duration.ofMinutes(7)); // never idle for 10 minutes: text keeps arriving
                gates.get(i).countDown();
            }
            Await.until(() -> events.size() == 3, Await.WAIT, events::toString);
            assertTrue(!turn.isDone(), "14 minutes in, still talking");
            clock.advance(Duration.ofMinutes(1));
            StreamOutcome outcome = turn.get(5, TimeUnit.SECONDS);
            assertEquals(StreamOutcome.Ending.MAX_DURATION, outcome.ending());
            assertEquals(Duration.ofMinutes(15), outcome.elapsed());
        } finally {
            gates.forEach(CountDownLatch::countDown);
            pool.shutdownNow();
        }
    }

    @Test
    void uploadsStreamTheBytesUnchanged() throws Exception {
        String sid = client.createSession(SKILL, "en").sessionId();
        byte[] bytes = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        bytes[4] = 'f';
        bytes[5] = 't';
        bytes[6] = 'y';
        bytes[7] = 'p';
        List<UploadedFile> files = client.upload(SKILL, sid,
                List.of(new UploadPart("clip.mp4", "video/mp4", bytes.length, () -> new ByteArrayInputStream(bytes))));
        assertEquals(1, files.size());
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha, sim.uploads().get(0).sha256());
        assertEquals(bytes.length, sim.uploads().get(0).size());
        client.uploadUrls(SKILL, sid, List.of("https://example.com/a.mp4"));
        assertEquals("https://example.com/a.mp4", sim.uploads().get(1).filename());
    }
}
