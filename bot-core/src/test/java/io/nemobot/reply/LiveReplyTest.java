package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.store.SettledMessage;
import io.nemobot.testing.ClockedChat;
import io.nemobot.testing.ManualScheduler;
import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One live reply against a clock-stamped chat, with time moved by hand. */
class LiveReplyTest {
    private static final Duration MIN_EDIT = Duration.ofSeconds(1);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ClockedChat chat = ClockedChat.in("t1", scheduler.clock());

    private LiveReply reply(int maxLength, EditBudget... budgets) {
        PlatformProfile profile = new PlatformProfile("test", maxLength, MIN_EDIT, List.of(budgets));
        EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
        return new LiveReply(chat, pacer, scheduler.clock());
    }

    private LiveReply reply() {
        return reply(2000);
    }

    private void settle(CompletableFuture<Void> done) {
        assertTrue(scheduler.advanceUntil(done::isDone, Duration.ofMillis(10), Duration.ofMinutes(2)),
                "not delivered; calls: " + chat.calls());
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toList());
    }

    private static String longText(int chars) {
        StringBuilder s = new StringBuilder();
        int n = 0;
        while (s.length() < chars) {
            s.append("Scene ").append(++n).append(" shows the city from a new angle with warm light. ");
        }
        return s.toString().strip();
    }

    /** Starts a reply and lets the pacer post its acknowledgement (the first permit goes to it). */
    private void start(LiveReply live) {
        live.start("🎬 On it…");
        scheduler.runDue();
    }

    @Test
    void eachCallThatShowsStreamedTextTellsWhenItsOldestTextArrived() {
        List<long[]> shown = new ArrayList<>();
        PlatformProfile profile = new PlatformProfile("test", 2000, MIN_EDIT, List.of());
        LiveReply live = new LiveReply(chat, new EditPacer(profile, scheduler, Runnable::run, scheduler.clock()),
                scheduler.clock(), MessagesLanded.NONE, (arrived, at) -> shown.add(new long[] {arrived, at}));
        start(live);
        assertEquals(List.of(), shown, "the acknowledgement is not streamed text");
        long t0 = scheduler.nanoTime();
        live.text("The city at night");
        scheduler.advance(Duration.ofMillis(300));
        live.text("The city at night, with rain"); // coalesced: the edit waits for the per-message interval
        assertTrue(scheduler.advanceUntil(() -> !shown.isEmpty(), Duration.ofMillis(10), Duration.ofSeconds(5)));
        assertEquals(t0, shown.get(0)[0], "the lag counts from the oldest text the edit shows");
        assertEquals(MIN_EDIT.toNanos(), shown.get(0)[1] - t0, "shown once the interval allowed the edit");
        assertEquals(1, shown.size(), "both texts went in one edit: " + chat.shown());
    }

    @Test
    void textACallFailedToShowWaitsFromWhenItCame() {
        List<Long> arrivals = new ArrayList<>();
        PlatformProfile profile = new PlatformProfile("test", 2000, MIN_EDIT, List.of());
        LiveReply live = new LiveReply(chat, new EditPacer(profile, scheduler, Runnable::run, scheduler.clock()),
                scheduler.clock(), MessagesLanded.NONE, (arrived, at) -> arrivals.add(arrived));
        start(live);
        java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
        chat.faults(c -> c.kind().equals("edit") && refused.compareAndSet(false, true)
                ? io.nemobot.chat.ChatPlatformException.rateLimited(Duration.ofSeconds(2)) : null);
        long t0 = scheduler.nanoTime();
        live.text("First words");
        assertTrue(scheduler.advanceUntil(() -> !arrivals.isEmpty(), Duration.ofMillis(10), Duration.ofSeconds(10)),
                "calls: " + chat.calls());
        assertEquals(List.of(t0), arrivals, "the retry that showed it reports the text's own arrival");
    }

    @Test
    void theAcknowledgementIsPostedAtTheFirstPermit() {
        LiveReply live = reply(2000, new EditBudget("tiny", 1, Duration.ofMinutes(1), k -> "all"));
        start(live);
        scheduler.runDue();
        assertEquals(List.of("🎬 On it…"), chat.shown(), "posted without waiting for time to pass");
        assertEquals(chat.accepted().get(0).messageId(), live.firstMessage().id());
    }

    @Test
    void eachMessageIsToldWhenItLandsWithTheTextTheFullOnesKeep() {
        PlatformProfile profile = new PlatformProfile("test", 500, MIN_EDIT, List.of());
        List<String> landed = new ArrayList<>();
        LiveReply live = new LiveReply(chat, new EditPacer(profile, scheduler, Runnable::run, scheduler.clock()),
                scheduler.clock(), (open, settled) -> landed.add(open.id() + " after " + settled), ReplyShown.NONE);
        live.start("🎬 On it…");
        assertEquals(List.of(), landed, "nothing has landed while the post waits for the pacer");
        scheduler.runDue();
        String first = chat.accepted().get(0).messageId();
        assertEquals(List.of(first + " after []"), landed, "the first post, as soon as it landed");
        StringBuilder text = new StringBuilder();
        for (int i = 1; text.length() < 1100; i++) {
            text.append("word").append(i).append(' ');
            live.text(text.toString().strip());
            scheduler.advance(Duration.ofMillis(50));
        }
        settle(live.finish(text.toString().strip(), List.of()));
        List<ClockedChat.Call> posts = chat.accepted().stream().filter(c -> c.kind().equals("post")).toList();
        assertTrue(posts.size() >= 3, "the text rolled over: " + chat.shown());
        assertEquals(posts.size(), landed.size(), "one landing per post: " + landed);
        List<String> shown = chat.shown();
        List<SettledMessage> full = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            assertEquals(posts.get(i).messageId() + " after " + full, landed.get(i));
            full.add(new SettledMessage(posts.get(i).messageId(), shown.get(i)));
        }
    }

    @Test
    void chunksBetweenEditsAreCoalesced() {
        LiveReply live = reply();
        start(live);
        String text = "";
        for (int i = 1; i <= 10; i++) {
            text = text + " part" + i;
            live.text(text.strip());
            scheduler.advance(Duration.ofMillis(150));
        }
        scheduler.advance(Duration.ofSeconds(2));
        List<ClockedChat.Call> edits = chat.accepted().stream().filter(c -> !c.kind().equals("post")).collect(Collectors.toList());
        assertTrue(edits.size() <= 3, "10 updates in 1.5 s became " + edits.size() + " edits: " + edits);
        assertEquals(text.strip(), edits.get(edits.size() - 1).text(), "the last edit shows the last text");
        assertEquals(List.of(text.strip()), chat.shown());
        for (int k = 1; k < edits.size(); k++) {
            assertTrue(edits.get(k).atNanos() - edits.get(k - 1).atNanos() >= MIN_EDIT.toNanos(), "a message's own interval");
        }
    }

    @Test
    void theProgressLineSitsUnderTheTextUntilTheEnd() {
        LiveReply live = reply();
        start(live);
        live.text("Generating your video now.");
        live.progress("⏳ Generating video — usually 2–5 min · 45s");
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of("Generating your video now.\n\n⏳ Generating video — usually 2–5 min · 45s"), chat.shown());
        settle(live.finish("Your video is ready.", List.of(Action.EXPORT)));
        assertEquals(List.of("Your video is ready."), chat.shown());
        assertEquals(List.of(Action.EXPORT), chat.shownMessages().get(0).actions());
    }

    @Test
    void finishCompletesOnceAndTheFinalTextIsShownOnce() {
        LiveReply live = reply();
        start(live);
        live.text("Working");
        AtomicInteger completions = new AtomicInteger();
        live.delivered().whenComplete((v, e) -> completions.incrementAndGet());
        CompletableFuture<Void> done = live.finish("Final answer.", List.of(Action.EXPORT, Action.TIMELINE));
        settle(done);
        assertFalse(done.isCompletedExceptionally());
        assertSame(done, live.finish("Final answer.", List.of(Action.EXPORT, Action.TIMELINE)), "one future per reply");
        int calls = chat.calls().size();
        live.text("late chunk");
        live.progress("⏳ late");
        scheduler.advance(Duration.ofSeconds(10));
        assertEquals(calls, chat.calls().size(), "nothing is sent after the end");
        assertEquals(1, completions.get());
        assertEquals(1, chat.calls().stream().filter(c -> c.text().equals("Final answer.")).count(), chat.calls().toString());
        assertEquals(List.of(new OutgoingMessage("Final answer.", List.of(Action.EXPORT, Action.TIMELINE))), chat.shownMessages());
    }

    @Test
    void aFinishRightAfterTheAcknowledgementStillLands() {
        LiveReply live = reply();
        start(live);
        CompletableFuture<Void> done = live.finish("Credits: 80 available.", List.of());
        settle(done);
        assertEquals(List.of("Credits: 80 available."), chat.shown());
        assertTrue(chat.accepted().get(1).atNanos() - chat.accepted().get(0).atNanos() >= MIN_EDIT.toNanos());
    }

    @Test
    void theFinalTextLandsAfterARateLimit() {
        LiveReply live = reply();
        start(live);
        scheduler.advance(Duration.ofSeconds(2));
        AtomicInteger refused = new AtomicInteger();
        chat.faults(c -> c.text().equals("Final.") && refused.getAndIncrement() == 0
                ? ChatPlatformException.rateLimited(Duration.ofSeconds(7)) : null);
        CompletableFuture<Void> done = live.finish("Final.", List.of());
        settle(done);
        assertFalse(done.isCompletedExceptionally());
        assertEquals(List.of("Final."), chat.shown());
        List<ClockedChat.Call> calls = chat.calls();
        ClockedChat.Call limited = calls.stream().filter(ClockedChat.Call::failed).findFirst().orElseThrow();
        ClockedChat.Call retry = calls.get(calls.indexOf(limited) + 1);
        assertTrue(retry.atNanos() - limited.atNanos() >= Duration.ofSeconds(7).toNanos(),
                "waited " + (retry.atNanos() - limited.atNanos()) / 1_000_000 + " ms of the platform's 7 s");
        assertEquals(1, calls.stream().filter(ClockedChat.Call::failed).count());
    }

    @Test
    void aDeletedMessageIsPostedAgain() {
        LiveReply live = reply();
        start(live);
        live.text("Generating…");
        scheduler.advance(Duration.ofSeconds(2));
        chat.delete(live.firstMessage().id());
        CompletableFuture<Void> done = live.finish("Your video is ready.", List.of(Action.EXPORT));
        settle(done);
        assertFalse(done.isCompletedExceptionally());
        assertEquals(List.of("Your video is ready."), chat.shown());
        List<ClockedChat.Call> calls = chat.calls();
        ClockedChat.Call last = calls.get(calls.size() - 1);
        assertEquals("post", last.kind(), "a new message: " + calls);
        assertTrue(calls.get(calls.size() - 2).failed());
    }

    @Test
    void tooLongIsSplitShorter() {
        LiveReply live = reply(2000);
        chat.refuseAbove(1200); // the platform's real limit is below its profile's
        start(live);
        String text = longText(3000);
        CompletableFuture<Void> done = live.finish(text, List.of());
        settle(done);
        assertFalse(done.isCompletedExceptionally());
        assertTrue(chat.calls().stream().anyMatch(ClockedChat.Call::failed), "the platform refused at least once");
        for (String shown : chat.shown()) {
            assertTrue(shown.length() <= 1200, "a message of " + shown.length());
        }
        assertEquals(words(text), words(String.join(" ", chat.shown())));
    }

    @Test
    void aLongTextIsSplitIntoSeveralMessagesNoneAboveTheLimit() {
        LiveReply live = reply(500);
        start(live);
        String text = longText(1800);
        for (int end = 100; end < text.length(); end += 100) {
            live.text(text.substring(0, end));
            live.progress("⏳ Thinking · " + end / 100 + "s");
            scheduler.advance(Duration.ofMillis(400));
            for (ClockedChat.Call c : chat.calls()) {
                assertTrue(c.text().length() <= 500, "while streaming: " + c.text().length());
            }
        }
        CompletableFuture<Void> done = live.finish(text, List.of(Action.EXPORT));
        settle(done);
        List<OutgoingMessage> shown = chat.shownMessages();
        assertTrue(shown.size() >= 4, shown.size() + " messages");
        shown.forEach(m -> assertTrue(m.text().length() <= 500, "a message of " + m.text().length()));
        assertEquals(words(text), words(shown.stream().map(OutgoingMessage::text).collect(Collectors.joining(" "))));
        for (int i = 0; i < shown.size(); i++) {
            assertEquals(i == shown.size() - 1 ? List.of(Action.EXPORT) : List.of(), shown.get(i).actions(), "buttons under the last part only");
        }
    }

    @Test
    void textOutgrowingAMessageGoesOutInOneNewMessageAndTheFullOneKeepsItsText() {
        LiveReply live = reply(500);
        start(live);
        StringBuilder text = new StringBuilder();
        for (int i = 1; text.length() < 1600; i++) {
            text.append("word").append(i).append(' ');
            live.text(text.toString().strip());
            scheduler.advance(Duration.ofMillis(20));
        }
        scheduler.advance(Duration.ofSeconds(3));
        List<ClockedChat.Call> calls = chat.accepted();
        List<String> posted = calls.stream().filter(c -> c.kind().equals("post")).map(ClockedChat.Call::messageId)
                .collect(Collectors.toList());
        assertTrue(posted.size() >= 4, "the text took several messages: " + calls);
        for (ClockedChat.Call c : calls) {
            if (!c.kind().equals("post")) {
                String lastPostedBefore = calls.stream().filter(p -> p.kind().equals("post") && p.atNanos() <= c.atNanos())
                        .reduce((x, y) -> y).orElseThrow().messageId();
                assertEquals(lastPostedBefore, c.messageId(), "only the newest message is edited while text streams: " + calls);
            }
        }
        String streamed = text.toString().strip();
        assertEquals(words(streamed), words(String.join(" ", chat.shown())), "every word once, in order, before the end");
        settle(live.finish(streamed, List.of()));
        assertEquals(words(streamed), words(String.join(" ", chat.shown())));
        chat.shown().forEach(m -> assertTrue(m.length() <= 500, m.length() + " characters"));
    }

    @Test
    void aProgressLineAloneWaitsBehindTextOfOtherReplies() {
        // One edit a second for both replies: the one with new text goes first, the clock tick after.
        EditBudget oneASecond = new EditBudget("shared", 1, Duration.ofSeconds(1), k -> "all");
        PlatformProfile profile = new PlatformProfile("test", 2000, MIN_EDIT, List.of(oneASecond));
        EditPacer pacer = new EditPacer(profile, scheduler, Runnable::run, scheduler.clock());
        ClockedChat other = ClockedChat.in("t2", scheduler.clock());
        LiveReply ticking = new LiveReply(chat, pacer, scheduler.clock());
        LiveReply streaming = new LiveReply(other, pacer, scheduler.clock());
        ticking.start("🎬 On it…");
        streaming.start("🎬 On it…");
        scheduler.advance(Duration.ofSeconds(5));
        ticking.progress("⏳ Thinking · 15s");
        streaming.text("The first scene");
        scheduler.advance(Duration.ofMillis(500));
        assertEquals(List.of("The first scene"), other.shown(), "new text first");
        assertEquals(List.of("🎬 On it…"), chat.shown(), "the tick waits");
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of("🎬 On it…\n\n⏳ Thinking · 15s"), chat.shown(), "and goes when the budget has room");
    }

    @Test
    void aShorterFinalTextLeavesNoStaleParts() {
        LiveReply live = reply(500);
        start(live);
        String streamed = longText(1400);
        live.text(streamed);
        scheduler.advance(Duration.ofSeconds(10));
        assertTrue(chat.shown().size() >= 3, "the streamed text took several messages: " + chat.shown().size());
        CompletableFuture<Void> done = live.finish("⚠️ Something went wrong on my side. Please try again.", List.of());
        settle(done);
        List<String> shown = chat.shown();
        assertEquals("⚠️ Something went wrong on my side. Please try again.", shown.get(0));
        for (String rest : shown.subList(1, shown.size())) {
            assertEquals("…", rest, "a message still shows the old text: " + shown);
        }
    }

    @Test
    void noWordIsLostOrRepeatedWhenTheProgressLineGoes() {
        LiveReply live = reply(500);
        start(live);
        StringBuilder text = new StringBuilder();
        for (int i = 1; text.length() < 1100; i++) {
            text.append("word").append(i).append(' ');
        }
        String body = text.toString().strip();
        live.text(body);
        for (int s = 5; s <= 125; s += 15) {
            live.progress("⏳ Generating video — usually 2–5 min · " + Messages.elapsed(Duration.ofSeconds(s)));
            scheduler.advance(Duration.ofSeconds(15));
        }
        assertTrue(chat.shown().size() >= 3, chat.shown().toString());
        CompletableFuture<Void> done = live.finish(body, List.of());
        settle(done);
        List<String> shown = chat.shown();
        shown.forEach(m -> assertFalse(m.contains("⏳"), "a progress line is left after the end: " + shown));
        assertEquals(words(body), words(String.join(" ", shown).replace("…", "")), "every word once, in order");
    }

    @Test
    void transientFailuresAreRetriedUntilTheFinalTextLands() {
        LiveReply live = reply();
        start(live);
        AtomicInteger failures = new AtomicInteger();
        chat.faults(c -> !c.kind().equals("post") && failures.getAndIncrement() < 3
                ? new ChatPlatformException(ChatPlatformException.Kind.OTHER, "502 from the platform") : null);
        CompletableFuture<Void> done = live.finish("Final.", List.of());
        settle(done);
        assertFalse(done.isCompletedExceptionally());
        assertEquals(List.of("Final."), chat.shown());
        List<Long> attempts = chat.calls().stream().filter(c -> !c.kind().equals("post")).map(ClockedChat.Call::atNanos)
                .collect(Collectors.toList());
        assertEquals(4, attempts.size());
        for (int k = 2; k < attempts.size(); k++) {
            assertTrue(attempts.get(k) - attempts.get(k - 1) >= attempts.get(k - 1) - attempts.get(k - 2), "backing off: " + attempts);
        }
    }

    @Test
    void aThreadThatRefusesEverythingGivesUp() {
        LiveReply live = reply();
        start(live);
        chat.faults(c -> c.kind().equals("post") ? null
                : new ChatPlatformException(ChatPlatformException.Kind.FORBIDDEN, "missing_scope"));
        CompletableFuture<Void> done = live.finish("Final.", List.of());
        settle(done);
        assertTrue(done.isCompletedExceptionally());
        try {
            done.get();
        } catch (ExecutionException e) {
            assertInstanceOf(ChatPlatformException.class, e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, chat.calls().stream().filter(ClockedChat.Call::failed).count(), "no retry storm");
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(2, chat.calls().size());
    }

    @Test
    void aRateLimitedReplyNeverGivesUp() {
        LiveReply live = reply();
        start(live);
        AtomicInteger refusals = new AtomicInteger();
        chat.faults(c -> !c.kind().equals("post") && refusals.getAndIncrement() < 10
                ? ChatPlatformException.rateLimited(Duration.ofSeconds(2)) : null);
        CompletableFuture<Void> done = live.finish("Final.", List.of());
        settle(done);
        assertFalse(done.isCompletedExceptionally(), "ten rate limits in a row are waited out");
        assertEquals(List.of("Final."), chat.shown());
    }

}
