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
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.Fault;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.CoreFixture;
import io.nemobot.testing.RecordingPlatform;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backend, the platform and users misbehaving: what the user sees, and nothing lost or doubled.
 * The core's time-outs, pauses and polls run on the fixture's clock; the backend's replies are real.
 */
class FaultSuiteTest {
    private static final Author ANA = CoreFixture.ANA;

    @RegisterExtension
    final CoreFixture bot = CoreFixture.started().demoPace(Duration.ofMillis(2)).with("NEMO_REQUEST_TIMEOUT", "2s");
    final ThreadKey thread = CoreFixture.newThread();
    NemoSimulator sim;
    RecordingPlatform platform;

    @BeforeEach
    void parts() {
        sim = bot.sim();
        platform = bot.platform();
    }

    private void say(String text) {
        bot.say(thread, text);
    }

    private void await(String needle) {
        bot.awaitShown(thread, needle);
    }

    private void generate() {
        say("make a video");
        await("Say export");
        bot.await(() -> platform.count("finish") > 0, () -> "not finished");
        // The turn has ended once its cost is recorded (the balance read after it is its last backend call).
        bot.await(() -> !bot.core().store().usage(thread.platform(), thread.workspace(), java.time.Instant.EPOCH).isEmpty(),
                () -> "the turn's usage is not recorded");
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
        bot.await(() -> shown().split("isn't responding", -1).length == 3, this::shown);
        sim.failAlways(Endpoint.STATE, Fault.http(status));
        say("status");
        bot.await(() -> shown().split("isn't responding", -1).length == 4, this::shown);
        sim.failAlways(Endpoint.CREDITS, Fault.http(status));
        say("credits");
        bot.await(() -> shown().split("isn't responding", -1).length == 5, this::shown);
        assertFalse(shown().contains(String.valueOf(status)), shown());
        assertEquals(1, sim.chatMessages().size(), "nothing was sent twice");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsOnUploadAndRenderArePlainWords(int status) {
        generate();
        sim.failAlways(Endpoint.UPLOAD, Fault.http(status));
        byte[] mp4 = mp4(2048);
        bot.accept(new IncomingMessage(thread, ANA, "", List.of(new Attachment("clip.mp4", mp4.length,
                "video/mp4", () -> new ByteArrayInputStream(mp4))), Optional.empty(), "up", bot.clock().instant()));
        await("Uploading clip.mp4 failed");
        sim.failAlways(Endpoint.RENDER_SUBMIT, Fault.http(status));
        say("export");
        bot.await(() -> shown().split("isn't responding", -1).length == 3, this::shown);
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
        bot.boot(Map.of("NEMO_STREAM_IDLE_TIMEOUT", "300ms", "NEMO_RECOVERY_FIRST_CHECK", "20ms", "NEMO_RECOVERY_INTERVAL", "20ms"));
        generate();
        sim.failNext(Endpoint.CHAT, Fault.hang());
        say("add music");
        await("went quiet for too long");
        await("couldn't confirm");
        assertEquals(2, sim.requests(Endpoint.CHAT).size(), "the hung message was sent once");
    }

    @Test
    void aReadThatHangsIsReportedAsUnavailable() {
        bot.boot(Map.of("NEMO_REQUEST_TIMEOUT", "300ms"));
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
            bot.accept(IncomingMessage.text(t, Author.human("U" + i, "u"), "hello", "a" + i));
        }
        bot.await(() -> sim.chatMessages().size() == 5, () -> "first round");
        sim.expireTokens();
        for (int i = 0; i < 5; i++) {
            sim.enqueueTurn(Turn.agent().finalText("second reply"));
            ThreadKey t = threads.get(i);
            bot.accept(IncomingMessage.text(t, Author.human("U" + i, "u"), "again", "b" + i));
        }
        for (ThreadKey t : threads) {
            bot.await(() -> platform.transcript(t).contains("second reply"), () -> platform.transcript(t));
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
        bot.accept(new IncomingMessage(thread, ANA, "", List.of(new Attachment("clip.mp4", mp4.length,
                "video/mp4", () -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream(mp4);
                })), Optional.empty(), "up", bot.clock().instant()));
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
    void aRenderCancelledAtTheBackendSaysSoAndCanBeStartedAgain() {
        generate();
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(30), RenderStep.cancelled()));
        say("export");
        await("The render was cancelled");
        assertFalse(shown().contains("The render failed"), shown());
        bot.await(() -> bot.core().store().pendingRenders().isEmpty(), () -> "still pending");
    }

    @Test
    void aRenderThatNeverCompletesIsGivenUpAndCancelled() {
        bot.boot(Map.of("NEMO_RENDER_TIMEOUT", "300ms"));
        generate();
        sim.setRenderScript(RenderScript.never());
        say("export");
        await("didn't finish within");
        bot.await(() -> sim.requests(Endpoint.RENDER_CANCEL).size() == 1, () -> "not cancelled: " + sim.requests());
        bot.await(() -> bot.core().store().pendingRenders().isEmpty(), () -> "still pending");
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
        // The text starts once the acknowledgement is posted: everything after it is an edit.
        CountDownLatch acknowledged = new CountDownLatch(1);
        platform.onCall(c -> {
            if (c.kind().equals("post")) {
                acknowledged.countDown();
            }
        });
        sim.enqueueTurn(Turn.agent().pauseUntil(acknowledged).text("Alpha ").pauseUntil(bot.passed(Duration.ofMillis(30)))
                .text("beta ").pauseUntil(bot.passed(Duration.ofMillis(30))).text("gamma.").finalText("Alpha beta gamma."));
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
        bot.await(() -> platform.calls().stream().anyMatch(c -> c.kind().equals("post") && c.content().text().contains("Here is your plan.")), this::shown);
    }

    @Test
    void anArchivedThreadEndsTheTurnAndTheNextThreadStillWorks() {
        platform.faults(c -> c.thread().equals(thread) && !c.content().text().startsWith("🎬 On it")
                ? new ChatPlatformException(ChatPlatformException.Kind.GONE, "thread archived") : null);
        sim.enqueueTurn(Turn.agent().finalText("Lost words."));
        say("go");
        bot.await(() -> sim.chatMessages().size() == 1, () -> "no turn");
        ThreadKey other = new ThreadKey("test", "W1", "C1", "T-other");
        sim.enqueueTurn(Turn.agent().finalText("Fine here."));
        bot.accept(IncomingMessage.text(other, ANA, "hello", "o1"));
        bot.await(() -> platform.transcript(other).contains("Fine here."), () -> platform.transcript(other));
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
        bot.accept(new IncomingMessage(thread, ANA, "", files, Optional.empty(), "many", bot.clock().instant()));
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
