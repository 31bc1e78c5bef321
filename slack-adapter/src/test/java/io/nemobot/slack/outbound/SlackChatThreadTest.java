package io.nemobot.slack.outbound;

import io.nemobot.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.nemobot.chat.Action;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.CallUse;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.slack.fake.FakeSlack.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackChatThreadTest {
    private static final ThreadKey DM = new ThreadKey("slack", FakeSlack.TEAM, "D0DM", "1690000000.000100");
    private static final ThreadKey CHANNEL = new ThreadKey("slack", FakeSlack.TEAM, "C0VIDEO", "1690000000.000200");

    private final MutableClock clock = new MutableClock();
    private FakeSlack fake;
    private Slack slack;
    private SlackChatPlatform platform;

    @BeforeEach
    void start() {
        fake = FakeSlack.start(clock);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
        platform = new SlackChatPlatform(slack.methods(FakeSlack.BOT_TOKEN), clock, Duration.ofMinutes(4),
                Duration.ofSeconds(10), true);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void aReplyStreamsNativelyAppendsDeltasAndFinishesWithButtons() {
        ChatThread thread = platform.thread(DM);
        MessageHandle handle = thread.post(OutgoingMessage.of("Hel"));
        thread.edit(handle, OutgoingMessage.of("Hello"));
        thread.edit(handle, OutgoingMessage.of("Hello"));
        thread.edit(handle, OutgoingMessage.of("Hello, world"));
        thread.finish(handle, new OutgoingMessage("Hello, world!", List.of(Action.EXPORT, Action.TIMELINE)));

        assertEquals(List.of("Hel"), markdown("chat.startStream"));
        assertEquals(List.of("lo", ", world"), markdown("chat.appendStream"));
        assertEquals("!", fake.calls("chat.stopStream").get(0).param("markdown_text"));
        assertEquals(0, fake.calls("chat.update").size());
        Message message = fake.message(handle.id()).orElseThrow();
        assertEquals("Hello, world!", message.text());
        assertEquals(List.of(Action.EXPORT.id(), Action.TIMELINE.id()), message.buttons());
        assertFalse(message.streaming());
        assertEquals(DM.thread(), message.threadTs);
    }

    @Test
    void inAChannelTheStreamNamesItsRecipient() {
        platform.recipient(CHANNEL, "U0ANA");
        ChatThread thread = platform.thread(CHANNEL);
        MessageHandle handle = thread.post(OutgoingMessage.of("Working"));
        thread.finish(handle, OutgoingMessage.of("Working on it"));

        FakeSlack.Call start = fake.calls("chat.startStream").get(0);
        assertEquals("U0ANA", start.param("recipient_user_id"));
        assertEquals(FakeSlack.TEAM, start.param("recipient_team_id"));
        assertEquals("Working on it", fake.message(handle.id()).orElseThrow().text());
    }

    @Test
    void withoutAKnownRecipientAChannelReplyIsPostedAndUpdated() {
        ChatThread thread = platform.thread(CHANNEL);
        MessageHandle handle = thread.post(OutgoingMessage.of("Working"));
        thread.edit(handle, OutgoingMessage.of("Working on it"));
        thread.finish(handle, new OutgoingMessage("Done", List.of(Action.CREDITS)));

        assertEquals(0, fake.calls("chat.startStream").size());
        assertEquals(1, fake.calls("chat.postMessage").size());
        assertEquals(2, fake.calls("chat.update").size());
        Message message = fake.message(handle.id()).orElseThrow();
        assertEquals("Done", message.text());
        assertEquals(List.of(Action.CREDITS.id()), message.buttons());
        assertEquals(CHANNEL.thread(), message.threadTs);
    }

    @Test
    void whereSlackRefusesToUpdateAStreamingMessageItIsStoppedThenUpdated() {
        fake.updateEndsStream(false);
        ChatThread thread = platform.thread(DM);
        MessageHandle handle = thread.post(OutgoingMessage.of("Generating your vid"));
        thread.edit(handle, OutgoingMessage.of("Your video is ready."));
        thread.finish(handle, OutgoingMessage.of("Your video is ready!"));

        assertEquals(1, fake.calls("chat.stopStream").size());
        Message message = fake.message(handle.id()).orElseThrow();
        assertEquals("Your video is ready!", message.text());
        assertFalse(message.streaming());
    }

    @Test
    void anEditThatRewritesTheTextEndsTheStreamWithAnUpdateOnItsTs() {
        ChatThread thread = platform.thread(DM);
        MessageHandle handle = thread.post(OutgoingMessage.of("Generating your vid"));
        thread.edit(handle, OutgoingMessage.of("Generating your video now."));
        thread.edit(handle, OutgoingMessage.of("Your video is ready."));
        thread.finish(handle, OutgoingMessage.of("Your video is ready!"));

        assertEquals(0, fake.calls("chat.stopStream").size(), "no Tier 2 call spent on a stream that ends anyway");
        assertEquals(2, fake.calls("chat.update").size());
        Message message = fake.message(handle.id()).orElseThrow();
        assertEquals("Your video is ready!", message.text());
        assertFalse(message.streaming());
    }

    @Test
    void aStreamSlackClosedContinuesWithChatUpdateAndEndsComplete() {
        fake.streamLifetime(Duration.ofMinutes(5));
        ChatThread thread = platform.thread(DM);
        MessageHandle handle = thread.post(OutgoingMessage.of("Generating"));
        thread.edit(handle, OutgoingMessage.of("Generating video"));
        clock.advance(Duration.ofMinutes(3));
        fake.streamLifetime(Duration.ofMinutes(2)); // Slack closes it earlier than the adapter expects
        thread.edit(handle, OutgoingMessage.of("Generating video, 3 min"));
        thread.edit(handle, OutgoingMessage.of("Generating video, 3 min in"));
        thread.finish(handle, new OutgoingMessage("Generating video, 3 min in. Done!", List.of(Action.EXPORT)));

        Message message = fake.message(handle.id()).orElseThrow();
        assertTrue(message.closedBySlack());
        assertFalse(message.streaming());
        assertEquals("Generating video, 3 min in. Done!", message.text());
        assertEquals(List.of(Action.EXPORT.id()), message.buttons());
        assertEquals(1, fake.calls("chat.appendStream").stream()
                .filter(c -> c.param("markdown_text").equals(" video")).count());
        assertEquals(3, fake.calls("chat.update").size());
    }

    @Test
    void aStreamLeftOpenByABotThatDiedIsStoppedAndUpdatedAfterTheRestart() {
        fake.updateEndsStream(false); // a Slack that refuses chat.update on a message still streaming
        MessageHandle handle = platform.thread(DM).post(OutgoingMessage.of("🎬 On it…"));
        SlackChatPlatform restarted = new SlackChatPlatform(slack.methods(FakeSlack.BOT_TOKEN), clock, Duration.ofMinutes(4),
                Duration.ofSeconds(10), true);

        restarted.thread(DM).finish(handle, OutgoingMessage.of("⚠️ I restarted while working on this."));

        Message message = fake.message(handle.id()).orElseThrow();
        assertEquals("⚠️ I restarted while working on this.", message.text());
        assertFalse(message.streaming());
        assertEquals(1, fake.calls("chat.stopStream").size());
        assertEquals(1, fake.messages().size(), "the same message, none posted");
    }

    @Test
    void aStreamOlderThanItsLifetimeRollsOverToUpdatesBeforeSlackClosesIt() {
        ChatThread thread = platform.thread(DM);
        MessageHandle handle = thread.post(OutgoingMessage.of("Step 1"));
        clock.advance(Duration.ofMinutes(4));
        thread.edit(handle, OutgoingMessage.of("Step 1, step 2"));
        thread.finish(handle, OutgoingMessage.of("Step 1, step 2, step 3"));

        Message message = fake.message(handle.id()).orElseThrow();
        assertFalse(message.closedBySlack());
        assertEquals(0, fake.calls("chat.appendStream").size());
        assertEquals(2, fake.calls("chat.update").size());
        assertEquals(handle.id(), fake.calls("chat.update").get(0).param("ts"));
        assertEquals("Step 1, step 2, step 3", message.text());
        assertFalse(message.streaming());
    }

    @Test
    void withoutStreamingMethodsRepliesArePostedAndTheMethodIsNotTriedAgain() {
        fake.streamingAvailable(false);
        ChatThread thread = platform.thread(DM);
        MessageHandle first = thread.post(OutgoingMessage.of("One"));
        thread.finish(first, OutgoingMessage.of("One done"));
        MessageHandle second = thread.post(OutgoingMessage.of("Two"));

        assertEquals(1, fake.calls("chat.startStream").size());
        assertEquals(2, fake.calls("chat.postMessage").size());
        assertEquals("One done", fake.message(first.id()).orElseThrow().text());
        assertEquals("Two", fake.message(second.id()).orElseThrow().text());
    }

    @Test
    void repliesWithButtonsOrMentionsArePostedAsBlocks() {
        ChatThread thread = platform.thread(DM);
        MessageHandle buttons = thread.post(new OutgoingMessage("Pick one", List.of(Action.EXPORT)));
        String mention = thread.mention(Author.human("U0ANA", "Ana"));
        MessageHandle link = thread.post(OutgoingMessage.of("Here it is " + mention + ": https://cdn.example/v.mp4"));

        assertEquals("<@U0ANA>", mention);
        assertEquals(0, fake.calls("chat.startStream").size());
        assertEquals(List.of(Action.EXPORT.id()), fake.message(buttons.id()).orElseThrow().buttons());
        assertEquals("Here it is <@U0ANA>: https://cdn.example/v.mp4", fake.message(link.id()).orElseThrow().text());
    }

    @Test
    void aRateLimitedUpdateReportsSlacksRetryAfter() {
        fake.limitUpdates(1, Duration.ofMinutes(1), 7);
        ChatThread thread = platform.thread(CHANNEL);
        MessageHandle handle = thread.post(OutgoingMessage.of("a"));
        thread.edit(handle, OutgoingMessage.of("ab"));

        ChatPlatformException e = assertThrows(ChatPlatformException.class,
                () -> thread.edit(handle, OutgoingMessage.of("abc")));
        assertEquals(ChatPlatformException.Kind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());

        clock.advance(Duration.ofMinutes(1));
        thread.edit(handle, OutgoingMessage.of("abc"));
        assertEquals("abc", fake.message(handle.id()).orElseThrow().text());
    }

    @Test
    void slackErrorsBecomeKinds() {
        ChatThread thread = platform.thread(CHANNEL);
        ChatPlatformException gone = assertThrows(ChatPlatformException.class,
                () -> thread.edit(new MessageHandle("1690000000.999999"), OutgoingMessage.of("x")));
        assertEquals(ChatPlatformException.Kind.GONE, gone.kind());

        ChatPlatformException tooLong = assertThrows(ChatPlatformException.class,
                () -> thread.post(OutgoingMessage.of("word ".repeat(900))));
        assertEquals(ChatPlatformException.Kind.TOO_LONG, tooLong.kind());

        ChatThread archived = platform.thread(new ThreadKey("slack", FakeSlack.TEAM, "CGONE1", "1690000000.000300"));
        assertEquals(ChatPlatformException.Kind.GONE,
                assertThrows(ChatPlatformException.class, () -> archived.post(OutgoingMessage.of("x"))).kind());
        assertFalse(gone.getMessage().contains(FakeSlack.BOT_TOKEN));
    }

    @Test
    void statusGoesToTheAssistantThreadAndIsNeverClearedByHandSinceSlackClearsItWhenTheReplyLands() {
        ChatThread thread = platform.thread(DM);
        thread.status("Generating video…");
        thread.status(null);

        List<FakeSlack.Call> calls = fake.calls("assistant.threads.setStatus");
        assertEquals(1, calls.size(), "the clear costs no call: " + calls);
        assertEquals("Generating video…", calls.get(0).param("status"));
        assertEquals(DM.channel(), calls.get(0).param("channel_id"));
        assertEquals(DM.thread(), calls.get(0).param("thread_ts"));
    }

    @Test
    void aStatusIsNeverSentWithoutAPermit() {
        SlackChatPlatform tight = tight("assistant.threads.setStatus=2/60s");
        fake.limit("assistant.threads.setStatus", 2, Duration.ofSeconds(60), false);
        ChatThread thread = tight.thread(DM);
        for (int i = 0; i < 5; i++) {
            thread.status("Working… " + i + "s");
        }
        thread.status(null);
        assertEquals(2, fake.calls("assistant.threads.setStatus").size(), "the rest were skipped");
        assertEquals(0, fake.refused("assistant.threads.setStatus"));
    }

    @Test
    void aProcessWithHalfTheShareUsesHalfOfEveryBudget() {
        SlackChatPlatform half = new SlackChatPlatform(slack.methods(FakeSlack.BOT_TOKEN), clock, Duration.ofMinutes(4),
                Duration.ofSeconds(10), true, SlackTiers.parse("assistant.threads.setStatus=4/60s"), () -> 0.5);
        ChatThread thread = half.thread(DM);
        for (int i = 0; i < 4; i++) {
            thread.status("Working… " + i + "s");
        }
        assertEquals(2, fake.calls("assistant.threads.setStatus").size());
    }

    @Test
    void aStreamPostedOnceAndNeverFinishedIsClosedWhenIdle() {
        ChatThread thread = platform.thread(DM);
        MessageHandle notice = thread.post(OutgoingMessage.of("You have 80 credits."));
        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, platform.closeIdleStreams());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, platform.closeIdleStreams());

        Message message = fake.message(notice.id()).orElseThrow();
        assertFalse(message.streaming());
        assertEquals("You have 80 credits.", message.text());
        thread.edit(notice, OutgoingMessage.of("You have 80 credits left."));
        assertEquals("You have 80 credits left.", message.text());
        assertEquals(1, fake.calls("chat.update").size());
    }

    @Test
    void finishingAStreamWhoseTextAlreadyShowsStillClosesIt() {
        ChatThread thread = platform.thread(DM);
        assertTrue(thread.finishRequired());
        MessageHandle handle = thread.post(OutgoingMessage.of("All done"));
        thread.finish(handle, OutgoingMessage.of("All done"));

        assertEquals(1, fake.calls("chat.stopStream").size());
        assertNull(fake.calls("chat.stopStream").get(0).param("markdown_text"));
        assertFalse(fake.message(handle.id()).orElseThrow().streaming());
    }

    @Test
    void finishingAnUpdatedMessageThatAlreadyShowsTheTextCostsNoCall() {
        ChatThread thread = platform.thread(CHANNEL);
        MessageHandle handle = thread.post(OutgoingMessage.of("Part one"));
        thread.finish(handle, OutgoingMessage.of("Part one"));
        thread.edit(handle, OutgoingMessage.of("Part one, edited"));
        thread.finish(handle, OutgoingMessage.of("Part one, edited"));

        assertEquals(1, fake.calls("chat.update").size());
    }

    @Test
    void repliesThatKeepRewritingTheirTextSwitchStreamingOff() {
        ChatThread thread = platform.thread(DM);
        for (int i = 0; i < LiveStreams.REWRITES_BEFORE_GIVING_UP; i++) {
            MessageHandle handle = thread.post(OutgoingMessage.of("Working on it..."));
            thread.edit(handle, OutgoingMessage.of("Here is reply " + i));
            thread.finish(handle, OutgoingMessage.of("Here is reply " + i + "."));
            assertEquals("Here is reply " + i + ".", fake.message(handle.id()).orElseThrow().text());
        }
        MessageHandle later = thread.post(OutgoingMessage.of("Working on it..."));

        assertEquals(LiveStreams.REWRITES_BEFORE_GIVING_UP, fake.calls("chat.startStream").size());
        assertEquals(1, fake.calls("chat.postMessage").size());
        assertFalse(fake.message(later.id()).orElseThrow().streaming());
    }

    @Test
    void theProfileBudgetsEachMethodPerWorkspaceFromTheTiersAndGrowsAppendOnly() {
        PlatformProfile profile = platform.profile();
        assertEquals("slack", profile.name());
        assertTrue(profile.appendOnly());
        assertTrue(profile.maxMessageLength() < 4000 && profile.maxMessageLength() > 3000);
        assertTrue(profile.minAppendInterval().compareTo(profile.minEditInterval()) < 0);
        EditBudget update = budget(profile, CallUse.EDIT);
        EditBudget append = budget(profile, CallUse.APPEND);
        EditBudget stop = budget(profile, CallUse.CLOSE);
        assertEquals(50, update.permits());
        assertEquals(100, append.permits());
        assertEquals(20, stop.permits());
        assertTrue(update.finalsReserve() > 0, "chat.update keeps permits for the posted replies' finals");
        assertFalse(update.counts(CallUse.APPEND) || append.counts(CallUse.EDIT) || stop.counts(CallUse.APPEND));
        assertEquals(Duration.ofMinutes(1), update.period());
        assertEquals(update.scope().apply(DM), update.scope().apply(CHANNEL));
        assertEquals(FakeSlack.TEAM, append.scope().apply(CHANNEL));
        EditBudget posts = budget(profile, CallUse.POST);
        assertEquals(1, posts.permits());
        assertEquals(Duration.ofSeconds(1), posts.period());
        assertTrue(posts.inFleetSlots(), "one post a second per channel: processes take turns, no share divides it");
        assertFalse(update.inFleetSlots() || append.inFleetSlots() || stop.inFleetSlots());
        assertFalse(posts.scope().apply(DM).equals(posts.scope().apply(CHANNEL)), "posts count per channel");
        PlatformProfile noStreams = new SlackChatPlatform(slack.methods(FakeSlack.BOT_TOKEN), clock,
                Duration.ofMinutes(4), Duration.ofSeconds(10), false).profile();
        assertFalse(noStreams.appendOnly());
        assertEquals(50, budget(noStreams, CallUse.EDIT).permits());
        assertTrue(budget(noStreams, CallUse.POST).inFleetSlots(), "posted replies too");
        assertEquals(40, SlackChatPlatform.profile(SlackTiers.parse("chat.update=40/60s"), true).budgets().stream()
                .filter(b -> b.counts(CallUse.EDIT)).findFirst().orElseThrow().permits(), "overrides reach the core");
        assertThrows(IllegalArgumentException.class,
                () -> platform.thread(new ThreadKey("discord", "G1", "C1", "T1")));
    }

    private static EditBudget budget(PlatformProfile profile, CallUse use) {
        List<EditBudget> drawn = profile.budgets().stream().filter(b -> b.counts(use)).toList();
        assertEquals(1, drawn.size(), use + " draws on one budget");
        return drawn.get(0);
    }

    @Test
    void whenTheStreamBudgetIsSpentTheReplyIsPostedAndUpdatedAndEndsCompleteOnce() {
        SlackChatPlatform tight = tight("chat.startStream=1/60s");
        fake.limit("chat.startStream", 1, Duration.ofSeconds(60), false);
        ChatThread thread = tight.thread(DM);
        MessageHandle streamed = thread.post(OutgoingMessage.of("First"));
        MessageHandle posted = thread.post(OutgoingMessage.of("Second"));
        thread.edit(posted, OutgoingMessage.of("Second reply"));
        thread.finish(posted, OutgoingMessage.of("Second reply, done."));
        thread.finish(streamed, OutgoingMessage.of("First reply, done."));

        assertEquals(Map.of(), fake.refusals());
        assertEquals(1, fake.calls("chat.startStream").size());
        assertEquals(1, fake.calls("chat.postMessage").size());
        assertEquals("Second reply, done.", fake.message(posted.id()).orElseThrow().text());
        assertEquals("First reply, done.", fake.message(streamed.id()).orElseThrow().text());
        assertEquals(1, fake.messages().stream().filter(m -> m.text().contains("Second reply")).count());
    }

    @Test
    void whenStopStreamHasNoBudgetTheStreamIsFinishedWithAnUpdateOnItsTs() {
        SlackChatPlatform tight = tight("chat.stopStream=1/60s");
        fake.limit("chat.stopStream", 1, Duration.ofSeconds(60), false);
        ChatThread thread = tight.thread(DM);
        MessageHandle one = thread.post(OutgoingMessage.of("One"));
        MessageHandle two = thread.post(OutgoingMessage.of("Two"));
        thread.finish(one, OutgoingMessage.of("One done."));
        thread.finish(two, new OutgoingMessage("Two done.", List.of(Action.EXPORT)));

        assertEquals(Map.of(), fake.refusals());
        assertEquals(1, fake.calls("chat.stopStream").size());
        assertEquals(two.id(), fake.calls("chat.update").get(0).param("ts"));
        Message second = fake.message(two.id()).orElseThrow();
        assertFalse(second.streaming());
        assertEquals("Two done.", second.text());
        assertEquals(List.of(Action.EXPORT.id()), second.buttons());
    }

    @Test
    void whenAppendsHaveNoBudgetButUpdatesDoTheReplyContinuesWithUpdates() {
        SlackChatPlatform tight = tight("chat.appendStream=1/60s");
        fake.limit("chat.appendStream", 1, Duration.ofSeconds(60), false);
        ChatThread thread = tight.thread(DM);
        MessageHandle handle = thread.post(OutgoingMessage.of("Scene"));
        thread.edit(handle, OutgoingMessage.of("Scene one"));
        thread.edit(handle, OutgoingMessage.of("Scene one, two"));
        thread.edit(handle, OutgoingMessage.of("Scene one, two, three"));
        thread.finish(handle, OutgoingMessage.of("Scene one, two, three."));

        assertEquals(Map.of(), fake.refusals());
        assertEquals(1, fake.calls("chat.appendStream").size());
        assertEquals(3, fake.calls("chat.update").size());
        Message message = fake.message(handle.id()).orElseThrow();
        assertEquals("Scene one, two, three.", message.text());
        assertFalse(message.streaming());
        assertEquals(List.of("Scene", "Scene one", "Scene one, two", "Scene one, two, three", "Scene one, two, three."),
                message.history());
    }

    private SlackChatPlatform tight(String limits) {
        return new SlackChatPlatform(slack.methods(FakeSlack.BOT_TOKEN), clock, Duration.ofMinutes(4),
                Duration.ofSeconds(10), true, SlackTiers.parse(limits));
    }

    private List<String> markdown(String method) {
        return fake.calls(method).stream().map(c -> c.param("markdown_text")).toList();
    }
}
