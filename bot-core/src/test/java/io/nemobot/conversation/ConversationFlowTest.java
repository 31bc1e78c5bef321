package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.simulator.Drafts;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.Fault;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RecordedRequest;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.CoreFixture;
import io.nemobot.testing.RecordingPlatform;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core end to end: real client, real HTTP and SSE to the simulator, a recording chat platform, and
 * the core's timers on a clock that moves only while the test waits.
 */
class ConversationFlowTest {
    private static final Author ANA = CoreFixture.ANA;

    @RegisterExtension
    final CoreFixture bot = CoreFixture.started();
    NemoSimulator sim;
    RecordingPlatform platform;

    @BeforeEach
    void parts() {
        sim = bot.sim();
        platform = bot.platform();
    }

    private static ThreadKey thread() {
        return CoreFixture.newThread();
    }

    private void say(ThreadKey t, String text) {
        bot.say(t, text);
    }

    private void awaitTranscript(ThreadKey t, String needle) {
        bot.awaitShown(t, needle);
    }

    @Test
    void partialChunksThenTheFullTextShowTheTextOnce() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().text("Generating your ").text("video now.")
                .finalText("Generating your video now.").toolCall("generate_video").finalText("Done: a city timelapse."));
        say(t, "make a city video");
        awaitTranscript(t, "Done: a city timelapse.");
        // The text can show in an edit before the final one (which adds the buttons): wait for the end.
        bot.await(() -> platform.messages(t).get(0).actions().contains(Action.EXPORT),
                () -> "export not offered after generation: " + platform.messages(t));
        String shown = platform.transcript(t);
        assertEquals(1, shown.split("Generating your video now\\.", -1).length - 1, shown);
        assertEquals(1, platform.messages(t).size(), "one live message per turn");
        assertFalse(shown.contains("generate_video"), "tool calls never reach the user");
        bot.await(() -> platform.statuses().contains(""), () -> platform.statuses().toString());
        assertTrue(platform.statuses().stream().anyMatch(l -> l.startsWith("⏳ Generating video")), platform.statuses().toString());
        assertEquals("", platform.statuses().get(platform.statuses().size() - 1), "the status line is cleared at the end");
        assertEquals("make a city video", sim.chatMessages().get(0).text());
    }

    @Test
    void typedFamilyStreamsAndHidesToolsAndThoughts() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.typed().text("I'll generate ").heartbeat().toolCall("generate_video_with_seedance")
                .comment().emptyData().text("your video now.").unknownEvent());
        say(t, "a dog in a park");
        awaitTranscript(t, "I'll generate your video now.");
        // The end is the text with its buttons (offered after a tool); on a busy machine the whole turn
        // can be over before the acknowledgement is posted, so that post may be all there is.
        bot.await(() -> platform.messages(t).get(0).actions().contains(Action.EXPORT) && !platform.transcript(t).contains("⏳"),
                () -> platform.transcript(t));
        assertFalse(platform.transcript(t).contains("seedance"));
    }

    @Test
    void aNewThreadsFirstTurnStartsWithoutAStateReadAndStillSaysWhatChanged() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().heartbeat().setDraft(Drafts.withTitle(Drafts.empty(), "Summer Sale", 0, 3000)));
        say(t, "add a title Summer Sale");
        awaitTranscript(t, "Summer Sale");
        assertTrue(platform.transcript(t).contains("✅"), platform.transcript(t));
        // The session was made for this message, so nothing could be in its timeline before it: the
        // only read is the one after the silent stream.
        assertEquals(1, sim.requests(Endpoint.STATE).size());
        sim.enqueueTurn(Turn.agent().finalText("Sure thing."));
        say(t, "thanks");
        awaitTranscript(t, "Sure thing.");
        assertEquals(2, sim.requests(Endpoint.STATE).size(), "a later turn reads the timeline before it starts");
    }

    @Test
    void aMessageDuringAStreamIsToldItWillBeTakenNext() {
        ThreadKey t = thread();
        CountDownLatch open = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("Working on it").pauseUntil(open).finalText("First reply."));
        sim.enqueueTurn(Turn.agent().finalText("Second reply."));
        say(t, "make a video");
        awaitTranscript(t, "Working on it");
        say(t, "and make it blue");
        awaitTranscript(t, "📥");
        assertEquals(1, sim.chatMessages().size(), "the second message waits for the first turn");
        open.countDown();
        awaitTranscript(t, "Second reply.");
        String shown = platform.transcript(t);
        assertTrue(shown.indexOf("First reply.") < shown.indexOf("Second reply."), shown);
    }

    @Test
    void aMessageWhileOnlyTheLastWordsAreLandingIsNotToldToWait() {
        ThreadKey t = thread();
        // After a tool the final text adds buttons, so it always takes a last call, even when the
        // streamed text was shown already.
        sim.enqueueTurn(Turn.agent().toolCall("generate_video").finalText("First reply."));
        sim.enqueueTurn(Turn.agent().finalText("Second reply."));
        // The first turn's final call (its text with the buttons) is refused once (rate limited): the
        // stream is over, its last words are still on their way when the next message comes. That call is
        // the last edit, or the only post when the stream ended before the acknowledgement went out.
        AtomicReference<RecordingPlatform.Call> refused = new AtomicReference<>();
        platform.faults(call -> call.thread().equals(t) && call.content().actions().contains(Action.EXPORT)
                && refused.compareAndSet(null, call) ? ChatPlatformException.rateLimited(Duration.ofMillis(500)) : null);
        say(t, "make a video");
        bot.await(() -> refused.get() != null, () -> platform.transcript(t));
        assertTrue(refused.get().content().text().contains("First reply."), refused.get().toString());
        // The core's clock stands still until the test waits again: the refusal's 500 ms are not over.
        assertTrue(platform.messages(t).stream().noneMatch(m -> m.actions().contains(Action.EXPORT)),
                "the last words are still on their way: " + platform.messages(t));

        say(t, "thanks");
        awaitTranscript(t, "Second reply.");

        String shown = platform.transcript(t);
        assertFalse(shown.contains("📥"), shown);
        long firstLanded = platform.calls().stream().filter(c -> c.thread().equals(t) && c != refused.get()
                && c.content().text().contains("First reply.")).mapToLong(RecordingPlatform.Call::atNanos).max()
                .orElseThrow();
        RecordedRequest second = sim.requests(Endpoint.CHAT).get(1);
        assertTrue(firstLanded - second.receivedAtNanos() < 0, "the next turn starts once the last words landed");
    }

    @Test
    void aSilentStreamIsAnsweredWithWhatChangedInTheTimeline() {
        ThreadKey t = thread();
        say(t, "make a video");
        awaitTranscript(t, "Say export");
        String sid = sim.chatMessages().get(0).sessionId();
        sim.enqueueTurn(Turn.agent().heartbeat().setDraft(Drafts.withTitle(sim.draft(sid), "Summer Sale", 0, 3000)));
        say(t, "add a title Summer Sale");
        awaitTranscript(t, "✅ Title changed: \"Summer Sale\" (0-3s)");
    }

    @Test
    void aCutStreamIsNeverResentAndTheStateCheckReportsTheChange() {
        ThreadKey t = thread();
        say(t, "make a video");
        awaitTranscript(t, "Say export");
        String sid = sim.chatMessages().get(0).sessionId();
        sim.enqueueTurn(Turn.agent().text("Adding music").setDraft(Drafts.withMusic(sim.draft(sid), "Jazz", 0.5, 0, 10000)).cut());
        say(t, "add jazz music");
        awaitTranscript(t, "It went through");
        assertTrue(platform.transcript(t).contains("won't resend"), platform.transcript(t));
        assertEquals(2, sim.chatMessages().size(), "the cut message was not sent again");
    }

    @Test
    void aCutStreamWithNoChangeEndsWithAFailureAndARetryButton() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().text("Working").cut());
        say(t, "make something");
        awaitTranscript(t, "couldn't confirm");
        assertEquals(1, sim.chatMessages().size());
        OutgoingMessage last = platform.messages(t).get(platform.messages(t).size() - 1);
        assertEquals(List.of(Action.RETRY), last.actions());
        sim.enqueueTurn(Turn.agent().finalText("Retried fine."));
        bot.click(new ActionClick(t, ANA, Action.RETRY, "click-1", bot.clock().instant()));
        awaitTranscript(t, "Retried fine.");
        assertEquals(2, sim.chatMessages().size(), "a retry the user asked for is sent once");
    }

    @Test
    void exportPollsTheRenderAndPostsTheLink() {
        ThreadKey t = thread();
        say(t, "make a video");
        awaitTranscript(t, "Say export");
        sim.setRenderScript(RenderScript.steps(RenderStep.pending(), RenderStep.processing(40), RenderStep.processing(80),
                RenderStep.completed("https://cdn.example/final.mp4")));
        say(t, "export");
        awaitTranscript(t, "Your video is ready: https://cdn.example/final.mp4");
        assertTrue(platform.transcript(t).contains("✅ Rendered."));
        assertEquals(0, sim.chatMessages().stream().filter(m -> m.text().equals("export")).count(), "export never reaches the chat stream");
        assertEquals(1, sim.renderIds().size());
    }

    @Test
    void exportBeforeAnythingWasGeneratedSaysSo() {
        ThreadKey t = thread();
        say(t, "export");
        awaitTranscript(t, "Nothing to export yet");
        assertEquals(0, sim.renderIds().size());
    }

    @Test
    void twoMessagesOfANewThreadCreateExactlyOneSessionAndTheSecondIsQueued() {
        ThreadKey t = thread();
        CountDownLatch answer = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().pauseUntil(answer).finalText("First answer."));
        sim.enqueueTurn(Turn.agent().finalText("Second answer."));
        say(t, "first prompt");
        say(t, "second prompt");
        answer.countDown();
        awaitTranscript(t, "Second answer.");
        assertEquals(1, sim.sessionsCreated());
        assertTrue(platform.transcript(t).contains("I'll get to this"), platform.transcript(t));
        assertEquals(List.of("first prompt", "second prompt"), sim.chatMessages().stream().map(m -> m.text()).toList());
    }

    @Test
    void fiftyConversationsStreamAtTheSameTime() {
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 50; i++) {
            sim.enqueueTurn(Turn.agent().text("Working ").pauseUntil(release).finalText("Working done."));
        }
        List<ThreadKey> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ThreadKey t = thread();
            threads.add(t);
            Author someone = Author.human("U" + i, "User " + i);
            bot.accept(IncomingMessage.text(t, someone, "prompt " + i, "e" + i));
        }
        // Every stream is open at once: none waits behind another (OkHttp's default would allow 5).
        bot.await(() -> sim.activeStreams() == 50, () -> sim.activeStreams() + " streams open");
        bot.await(() -> threads.stream().allMatch(t -> platform.transcript(t).contains("Working")),
                () -> "not all conversations show streamed text");
        release.countDown();
        for (ThreadKey t : threads) {
            awaitTranscript(t, "Working done.");
        }
        assertEquals(50, sim.sessionsCreated());
    }

    @Test
    void creditsAndStatusNeverUseTheChatStream() {
        ThreadKey t = thread();
        sim.setCredits(42, 8, 50);
        say(t, "credits");
        awaitTranscript(t, "**42** available");
        say(t, "status");
        awaitTranscript(t, "no project in this thread yet");
        say(t, "make a video");
        awaitTranscript(t, "Say export");
        say(t, "STATUS");
        awaitTranscript(t, "Timeline (3 tracks): 1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: \"Urban Dreams\" (0-3s)");
        assertEquals(1, sim.chatMessages().size());
    }

    @Test
    void aLongPromptContainingAKeywordStillGoesToTheChatStream() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().finalText("Sure."));
        say(t, "make a tutorial video showing how people download and export their statuses of my clips");
        awaitTranscript(t, "Sure.");
        assertEquals(1, sim.chatMessages().size());
    }

    @Test
    void outOfCreditsShowsTheRegistrationLinkWithTheBindId() {
        ThreadKey t = thread();
        sim.setCredits(0, 0, 100);
        say(t, "make a video");
        awaitTranscript(t, "Register to get more: https://nemovideo.ai/register?bind=");
    }

    @Test
    void aLostSessionIsReplacedAndTheUserIsTold() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().finalText("One."));
        say(t, "first");
        awaitTranscript(t, "One.");
        sim.dropSession(sim.chatMessages().get(0).sessionId());
        sim.enqueueTurn(Turn.agent().finalText("Two."));
        say(t, "second");
        awaitTranscript(t, "Two.");
        assertTrue(platform.transcript(t).contains("the timeline was reset"), platform.transcript(t));
        assertEquals(2, sim.sessionsCreated());
    }

    @Test
    void refusedFilesAreNeverDownloaded() {
        ThreadKey t = thread();
        AtomicInteger opened = new AtomicInteger();
        Attachment huge = new Attachment("big.mp4", 600L * 1024 * 1024, "video/mp4", () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        });
        Attachment exe = new Attachment("tool.exe", 10, "application/octet-stream", () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[10]);
        });
        Attachment sneaky = new Attachment("../../etc/passwd.mp4", 12, "video/mp4",
                () -> new ByteArrayInputStream("root:x:0:0:r".getBytes(StandardCharsets.US_ASCII)));
        bot.accept(new IncomingMessage(t, ANA, "", List.of(huge, exe, sneaky), Optional.empty(), "e1",
                bot.clock().instant()));
        awaitTranscript(t, "doesn't look like a real MP4");
        String shown = platform.transcript(t);
        assertTrue(shown.contains("the limit is 500 MB"), shown);
        assertTrue(shown.contains("I can't use tool.exe"), shown);
        assertTrue(shown.contains("passwd.mp4"), shown);
        assertFalse(shown.contains("../"), shown);
        assertEquals(0, opened.get(), "nothing was downloaded");
        assertEquals(0, sim.uploads().size());
    }

    @Test
    void aScriptFileBecomesTheChatMessage() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().finalText("Script received."));
        byte[] script = "Scene 1: a sunrise over the sea.\nScene 2: gulls.".getBytes(StandardCharsets.UTF_8);
        Attachment txt = new Attachment("script.txt", script.length, "text/plain", () -> new ByteArrayInputStream(script));
        bot.accept(new IncomingMessage(t, ANA, "turn this into a video", List.of(txt), Optional.empty(),
                "e2", bot.clock().instant()));
        awaitTranscript(t, "Script received.");
        String sent = sim.chatMessages().get(0).text();
        assertTrue(sent.startsWith("turn this into a video"), sent);
        assertTrue(sent.contains("Scene 2: gulls."), sent);
        assertEquals(0, sim.uploads().size(), "a script is not uploaded");
    }

    @Test
    void chineseTextGetsAChineseSessionAndChineseReplies() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().finalText("好的。"));
        say(t, "做一个关于城市夜景的视频");
        awaitTranscript(t, "好的。");
        assertEquals("zh", sim.requests(Endpoint.CREATE_SESSION).get(0).body().contains("\"zh\"") ? "zh" : "en");
        say(t, "积分");
        awaitTranscript(t, "积分：可用");
    }

    @Test
    void aBackendOutageIsSaidPlainly() {
        ThreadKey t = thread();
        say(t, "hello");
        bot.await(() -> sim.chatMessages().size() == 1, () -> "no chat");
        sim.failAlways(Endpoint.CREDITS, Fault.http(503));
        say(t, "credits");
        awaitTranscript(t, "isn't responding right now");
        assertFalse(platform.transcript(t).contains("503"));
    }

    @Test
    void theSameEventTwiceIsOneTurn() {
        ThreadKey t = thread();
        sim.enqueueTurn(Turn.agent().finalText("Once."));
        sim.enqueueTurn(Turn.agent().finalText("Twice."));
        IncomingMessage m = IncomingMessage.text(t, ANA, "hi there", "same-event");
        bot.accept(m);
        bot.accept(m);
        awaitTranscript(t, "Once.");
        bot.awaitQuiet();
        assertEquals(1, sim.chatMessages().size(), "the redelivered event never reached the backend");
        assertEquals(List.of("Once."), platform.messages(t).stream().map(OutgoingMessage::text).toList(),
                "one reply, and no word of a queued second message");
    }
}
