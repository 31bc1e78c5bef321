package io.nemobot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.Fault;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backend, the platform and users misbehaving: what the user sees, and nothing lost or doubled. */
class FaultSuiteTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Author ANA = Author.human("U1", "Ana");
    @TempDir
    Path data;
    NemoSimulator sim;
    BotCore core;
    RecordingPlatform platform;
    ThreadKey thread;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(2));
        thread = new ThreadKey("test", "W1", "C1", "T" + UUID.randomUUID());
        boot(Map.of());
    }

    private void boot(Map<String, String> overrides) {
        if (core != null) {
            core.close();
        }
        Map<String, String> s = new HashMap<>(Map.of("NEMO_STREAM_IDLE_TIMEOUT", "2s", "NEMO_REQUEST_TIMEOUT", "2s",
                "NEMO_RENDER_TIMEOUT", "5s"));
        s.putAll(overrides);
        core = TestCores.core(sim.baseUrl(), data, s);
        platform = RecordingPlatform.fast("test");
        core.register(platform);
        core.start();
    }

    @AfterEach
    void stop() {
        core.close();
        sim.releaseHangs();
        sim.close();
    }

    private void say(String text) {
        core.conversations().accept(IncomingMessage.text(thread, ANA, text, UUID.randomUUID().toString()), platform.thread(thread));
    }

    private void await(String needle) {
        Await.until(() -> platform.transcript(thread).contains(needle), WAIT, () -> platform.transcript(thread));
    }

    private void generate() {
        say("make a video");
        await("Say export");
        Await.until(() -> platform.count("finish") > 0, WAIT, () -> "not finished");
    }

    private String shown() {
        return platform.transcript(thread);
    }

    // ---- backend --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsOnTheChatPathArePlainWords(int status) {
        sim.failAlways(Endpoint.CREATE_SESSION, Fault.http(status));
        say("make a video");
        await("isn't responding right now");
        sim.clearFaults();
        generate();
        sim.failAlways(Endpoint.CHAT, Fault.http(status));
        say("make it longer");
        Await.until(() -> shown().split("isn't responding", -1).length == 3, WAIT, this::shown);
        sim.failAlways(Endpoint.STATE, Fault.http(status));
        say("status");
        Await.until(() -> shown().split("isn't responding", -1).length == 4, WAIT, this::shown);
        sim.failAlways(Endpoint.CREDITS, Fault.http(status));
        say("credits");
        Await.until(() -> shown().split("isn't responding", -1).length == 5, WAIT, this::shown);
        assertFalse(shown().contains(String.valueOf(status)), shown());
        assertEquals(1, sim.chatMessages().size(), "nothing was sent twice");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsOnUploadAndRenderArePlainWords(int status) {
        generate();
        sim.failAlways(Endpoint.UPLOAD, Fault.http(status));
        byte[] mp4 = mp4(2048);
        core.conversations().accept(new IncomingMessage(thread, ANA, "", List.of(new Attachment("clip.mp4", mp4.length,
                "video/mp4", () -> new ByteArrayInputStream(mp4))), Optional.empty(), "up", Instant.now()), platform.thread(thread));
        await("Uploading clip.mp4 failed");
        sim.failAlways(Endpoint.RENDER_SUBMIT, Fault.http(status));
        say("export");
        Await.until(() -> shown().split("isn't responding", -1).length == 3, WAIT, this::shown);
        List<String> ids = sim.requests(Endpoint.RENDER_SUBMIT).stream().map(r -> r.json().get("id").getAsString()).toList();
        assertEquals(2, ids.size(), "a failed submit is retried once");
        assertFalse(ids.get(0).equals(ids.get(1)), "with a new id");
        sim.clearFaults();
        sim.failAlways(Endpoint.RENDER_POLL, Fault.http(status));
        say("export");
        await("I lost track of the render");
        assertFalse(shown().contains(String.valueOf(status)), shown());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsOnTheTokenCallArePlainWordsAndTheNextMessageWorks(int status) {
        sim.failAlways(Endpoint.ANON_TOKEN, Fault.http(status));
        say("make a video");
        await("isn't responding right now");
        sim.clearFaults();
        sim.enqueueTurn(Turn.agent().finalText("Back in business."));
        say("make a video");
        await("Back in business.");
        assertEquals(1, sim.chatMessages().size());
    }

    @Test
    void aChatStreamThatHangsWithoutAByteTimesOutAndIsNotResent() {
        boot(Map.of("NEMO_STREAM_IDLE_TIMEOUT", "300ms", "NEMO_RECOVERY_FIRST_CHECK", "20ms", "NEMO_RECOVERY_INTERVAL", "20ms"));
        generate();
        sim.failNext(Endpoint.CHAT, Fault.hang());
        say("add music");
        await("went quiet for too long");
        await("couldn't confirm");
        assertEquals(2, sim.requests(Endpoint.CHAT).size(), "the hung message was sent once");
    }

    @Test
    void aReadThatHangsIsReportedAsUnavailable() {
        boot(Map.of("NEMO_REQUEST_TIMEOUT", "300ms"));
        sim.failAlways(Endpoint.CREDITS, Fault.hang());
        say("credits");
        await("isn't responding right now");
    }

    @Test
    void malformedJsonAndUnknownEventsAreSkipped() {
        sim.enqueueTurn(Turn.agent().text("Good ").malformed().unknownEvent().text("text.").finalText("Good text."));
        say("go");
        await("Good text.");
        assertEquals(1, platform.messages(thread).size());
    }

    @Test
    void aTenMegabyteEventIsShownBoundedAndTheTurnEnds() {
        String huge = "word ".repeat(2 * 1024 * 1024);
        sim.enqueueTurn(Turn.typed().raw("data: {\"type\":\"text\",\"content\":\"" + huge + "\"}\n\n"));
        say("go");
        await("too long to show");
        List<OutgoingMessage> messages = platform.messages(thread);
        // The reply's own messages: on a busy machine reading 10 MB can outlast the read time-out, and
        // the cut stream's check then posts its own notice in the thread.
        long reply = messages.stream().filter(m -> m.text().startsWith("word")).count();
        assertTrue(reply <= 22, "the reply took " + reply + " messages");
        assertTrue(messages.stream().allMatch(m -> m.text().length() <= 2000));
    }

    @Test
    void aReplyThatIsNotAnEventStreamIsAPlainFailureNotAResend() {
        sim.enqueueTurn(Turn.agent().contentType("text/plain").text("hello"));
        say("go");
        await("isn't responding right now");
        assertEquals(1, sim.requests(Endpoint.CHAT).size());
    }

    @Test
    void aTokenExpiringMidConversationForSeveralConversationsReauthenticatesOnce() {
        List<ThreadKey> threads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            threads.add(new ThreadKey("test", "W1", "C1", "T" + i + UUID.randomUUID()));
        }
        for (int i = 0; i < 5; i++) {
            sim.enqueueTurn(Turn.agent().finalText("first " + i));
            ThreadKey t = threads.get(i);
            core.conversations().accept(IncomingMessage.text(t, Author.human("U" + i, "u"), "hello", "a" + i), platform.thread(t));
        }
        Await.until(() -> sim.chatMessages().size() == 5, WAIT, () -> "first round");
        sim.expireTokens();
        for (int i = 0; i < 5; i++) {
            sim.enqueueTurn(Turn.agent().finalText("second reply"));
            ThreadKey t = threads.get(i);
            core.conversations().accept(IncomingMessage.text(t, Author.human("U" + i, "u"), "again", "b" + i), platform.thread(t));
        }
        for (ThreadKey t : threads) {
            Await.until(() -> platform.transcript(t).contains("second reply"), WAIT, () -> platform.transcript(t));
        }
        assertEquals(2, sim.anonymousTokensIssued(), "one token at start, one re-auth shared by all");
        assertEquals(10, sim.chatMessages().size());
    }

    @Test
    void anUploadRefusedForAnExpiredTokenIsSentAgainWithAFreshOne() {
        generate();
        sim.expireTokens();
        byte[] mp4 = mp4(4096);
        AtomicInteger opened = new AtomicInteger();
        core.conversations().accept(new IncomingMessage(thread, ANA, "", List.of(new Attachment("clip.mp4", mp4.length,
                "video/mp4", () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(mp4);
                })), Optional.empty(), "up", Instant.now()), platform.thread(thread));
        await("Uploaded clip.mp4");
        assertEquals(2, sim.anonymousTokensIssued());
        assertEquals(2, opened.get(), "the file was read again for the second try");
        assertEquals(1, sim.uploads().stream().filter(u -> u.size() == 4096).map(u -> u.sha256()).distinct().count());
    }

    @Test
    void rateLimitsOnTheTokenAndOnAChatMessageAreWaitedOutOnce() {
        sim.failNext(Endpoint.ANON_TOKEN, Fault.http(429));
        sim.failNext(Endpoint.CHAT, Fault.http(429));
        sim.enqueueTurn(Turn.agent().finalText("Made it."));
        say("go");
        await("Made it.");
        assertEquals(1, sim.chatMessages().size());
    }

    @Test
    void aRenderThatFailsSaysSo() {
        generate();
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(30), RenderStep.failed("gpu on fire")));
        say("export");
        await("The render failed");
        assertFalse(shown().contains("gpu"), shown());
    }

    @Test
    void aRenderThatNeverCompletesIsGivenUpAndCancelled() {
        boot(Map.of("NEMO_RENDER_TIMEOUT", "300ms"));
        generate();
        sim.setRenderScript(RenderScript.never());
        say("export");
        await("didn't finish within");
        sim.awaitRequests(Endpoint.RENDER_CANCEL, 1, WAIT);
        Await.until(() -> core.store().pendingRenders().isEmpty(), WAIT, () -> "still pending");
    }

    @Test
    void aRenderWhosePollingFailsNowAndThenStillEndsWithTheLink() {
        generate();
        sim.failEvery(Endpoint.RENDER_POLL, 2, Fault.http(503));
        sim.setRenderScript(RenderScript.steps(RenderStep.pending(), RenderStep.processing(50), RenderStep.processing(90),
                RenderStep.completed("https://cdn.example/ok.mp4")));
        say("export");
        await("Your video is ready: https://cdn.example/ok.mp4");
    }

    // ---- the chat platform ------------------------------------------------------------------------

    @Test
    void editsRefusedForRateLimitsStillEndWithTheWholeText() {
        AtomicInteger refusals = new AtomicInteger();
        platform.faults(c -> !c.kind().equals("post") && refusals.incrementAndGet() <= 3
                ? ChatPlatformException.rateLimited(Duration.ofMillis(50)) : null);
        sim.enqueueTurn(Turn.agent().text("Alpha ").pause(Duration.ofMillis(30)).text("beta ").pause(Duration.ofMillis(30))
                .text("gamma.").finalText("Alpha beta gamma."));
        say("go");
        await("Alpha beta gamma.");
        assertTrue(refusals.get() >= 3);
        assertEquals(1, platform.messages(thread).size());
    }

    @Test
    void aDeletedReplyIsPostedAgainWithTheFinalText() {
        platform.faults(c -> c.kind().equals("finish") || c.kind().equals("edit")
                ? new ChatPlatformException(ChatPlatformException.Kind.GONE, "message deleted") : null);
        sim.enqueueTurn(Turn.agent().finalText("Here is your plan."));
        say("go");
        Await.until(() -> platform.calls().stream().anyMatch(c -> c.kind().equals("post") && c.content().text().contains("Here is your plan.")),
                WAIT, this::shown);
    }

    @Test
    void anArchivedThreadEndsTheTurnAndTheNextThreadStillWorks() {
        platform.faults(c -> c.thread().equals(thread) && !c.content().text().startsWith("🎬 On it")
                ? new ChatPlatformException(ChatPlatformException.Kind.GONE, "thread archived") : null);
        sim.enqueueTurn(Turn.agent().finalText("Lost words."));
        say("go");
        Await.until(() -> sim.chatMessages().size() == 1, WAIT, () -> "no turn");
        ThreadKey other = new ThreadKey("test", "W1", "C1", "T-other");
        sim.enqueueTurn(Turn.agent().finalText("Fine here."));
        core.conversations().accept(IncomingMessage.text(other, ANA, "hello", "o1"), platform.thread(other));
        Await.until(() -> platform.transcript(other).contains("Fine here."), WAIT, () -> platform.transcript(other));
    }

    // ---- bad input --------------------------------------------------------------------------------

    @Test
    void emptyAndBlankMessagesGetAHint() {
        say("   ");
        await("Tell me what video you want");
        assertEquals(0, sim.chatMessages().size());
    }

    @Test
    void aHundredKilobyteMessageIsRefusedClearly() {
        say("a".repeat(100 * 1024));
        await("I take up to 20000");
        assertEquals(0, sim.chatMessages().size());
    }

    @Test
    void onlyEmojiIsAPrompt() {
        sim.enqueueTurn(Turn.agent().finalText("A fiery clapperboard, coming up."));
        say("🎬🔥");
        await("fiery clapperboard");
        assertEquals("🎬🔥", sim.chatMessages().get(0).text());
    }

    @Test
    void controlCharactersAreRemovedBeforeSending() {
        sim.enqueueTurn(Turn.agent().finalText("ok"));
        say("\u0007make\u0000 a \u001bvideo\u200B");
        await("ok");
        assertEquals("make a video", sim.chatMessages().get(0).text());
    }

    @Test
    void fiftyFilesAtOnceTakeTheFirstTenAndSaySo() {
        generate();
        List<Attachment> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] mp4 = mp4(512);
            files.add(new Attachment("clip" + i + ".mp4", mp4.length, "video/mp4", () -> new ByteArrayInputStream(mp4)));
        }
        core.conversations().accept(new IncomingMessage(thread, ANA, "", files, Optional.empty(), "many", Instant.now()),
                platform.thread(thread));
        await("I take up to 10 files per message");
        assertEquals(10, sim.uploads().size());
    }

    static byte[] mp4(int size) {
        byte[] b = new byte[size];
        byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }
}
