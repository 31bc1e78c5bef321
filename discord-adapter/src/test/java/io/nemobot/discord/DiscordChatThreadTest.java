package io.nemobot.discord;

import io.nemobot.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatPlatformException.Kind;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.RecordedCall;
import io.nemobot.discord.fake.Snowflakes;
import io.nemobot.testing.CoreTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outgoing port against the fake Discord's REST routes: message shapes and every refusal. */
class DiscordChatThreadTest {
    static final Duration WAIT = CoreTime.WAIT;

    FakeDiscord discord;
    OkHttpClient http;
    MutableClock clock;
    DiscordPlatform platform;
    ThreadKey key;
    ChatThread thread;

    @BeforeEach
    void start() {
        discord = FakeDiscord.start(DiscordInvite.permissions());
        http = new OkHttpClient();
        clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DiscordRest rest = new DiscordRest(http, discord.restUrl(), FakeDiscord.TOKEN);
        platform = new DiscordPlatform(rest, new TypingIndicator(rest, clock));
        String threadId = discord.userThread("a thread");
        key = new ThreadKey("discord", discord.guildId(), discord.textChannelId(), threadId);
        thread = platform.thread(key);
    }

    @AfterEach
    void stop() {
        http.dispatcher().executorService().shutdown();
        discord.close();
    }

    @Test
    void theProfileIsDiscordsLimits() {
        var profile = platform.profile();
        assertEquals("discord", profile.name());
        assertEquals(2000, profile.maxMessageLength());
        assertEquals(Duration.ofSeconds(1), profile.minEditInterval());
        assertEquals(5, profile.budgets().get(0).permits());
        assertEquals(Duration.ofSeconds(5), profile.budgets().get(0).period());
        assertEquals(key.thread(), profile.budgets().get(0).scope().apply(key), "per channel: the thread");
        assertEquals(50, profile.budgets().get(1).permits());
        assertEquals(Duration.ofSeconds(1), profile.budgets().get(1).period());
        ThreadKey other = new ThreadKey("discord", "-", "1", "1");
        assertEquals(profile.budgets().get(1).scope().apply(key), profile.budgets().get(1).scope().apply(other),
                "one bucket for the whole bot");
    }

    @Test
    void postsTextWithButtonsAndOnlyUserMentionsNotify() {
        MessageHandle handle = thread.post(new OutgoingMessage("Ready <@" + discord.userId() + "> @everyone",
                List.of(Action.EXPORT, Action.TIMELINE)));

        RecordedCall post = discord.calls("POST", "channels/" + key.thread() + "/messages").get(0);
        DataObject body = post.json();
        assertEquals("Bot " + FakeDiscord.TOKEN, post.authorization());
        assertEquals(DataArray.empty().add("users").toString(),
                body.getObject("allowed_mentions").getArray("parse").toString());
        DataArray buttons = body.getArray("components").getObject(0).getArray("components");
        assertEquals(Action.EXPORT.id(), buttons.getObject(0).getString("custom_id"));
        assertEquals(Action.EXPORT.label(), buttons.getObject(0).getString("label"));
        assertEquals(Action.TIMELINE.id(), buttons.getObject(1).getString("custom_id"));
        assertEquals(List.of(Action.EXPORT.id(), Action.TIMELINE.id()),
                discord.message(handle.id()).orElseThrow().buttonIds());
    }

    @Test
    void anEditWithoutActionsRemovesTheButtons() {
        MessageHandle handle = thread.post(new OutgoingMessage("Generating…", List.of(Action.EXPORT)));

        thread.edit(handle, OutgoingMessage.of("Generated."));

        assertEquals("Generated.", discord.message(handle.id()).orElseThrow().content());
        assertEquals(List.of(), discord.message(handle.id()).orElseThrow().buttonIds());
    }

    @Test
    void aRateLimitIsRateLimitedWithDiscordsRetryAfter() {
        MessageHandle handle = thread.post(OutgoingMessage.of("Generating…"));
        discord.refuseNext("PATCH", "channels/\\d+/messages/\\d+", 429, DataObject.empty()
                .put("message", "You are being rate limited.").put("retry_after", 1.25).put("global", false));

        ChatPlatformException e = assertThrows(ChatPlatformException.class,
                () -> thread.edit(handle, OutgoingMessage.of("Generating… 1 min")));

        assertEquals(Kind.RATE_LIMITED, e.kind());
        assertEquals(Optional.of(Duration.ofMillis(1250)), e.retryAfter());
    }

    @Test
    void anUnknownMessageOrChannelIsGone() {
        assertEquals(Kind.GONE, kindOf(() -> thread.edit(new MessageHandle(Snowflakes.next()), OutgoingMessage.of("x"))));
        ChatThread deleted = platform.thread(new ThreadKey("discord", discord.guildId(), discord.textChannelId(),
                Snowflakes.next()));
        assertEquals(Kind.GONE, kindOf(() -> deleted.post(OutgoingMessage.of("x"))));
    }

    @Test
    void aLockedOrArchivedThreadIsGone() {
        discord.refuseNext("POST", "channels/\\d+/messages", 400, DataObject.empty()
                .put("message", "Thread is archived").put("code", 50083));
        assertEquals(Kind.GONE, kindOf(() -> thread.post(OutgoingMessage.of("x"))));

        discord.archive(key.thread(), true);
        assertEquals(Kind.GONE, kindOf(() -> thread.post(OutgoingMessage.of("x"))));
    }

    @Test
    void missingPermissionsAreForbidden() {
        discord.refuseNext("POST", "channels/\\d+/messages", 403, DataObject.empty()
                .put("message", "Missing Permissions").put("code", 50013));
        assertEquals(Kind.FORBIDDEN, kindOf(() -> thread.post(OutgoingMessage.of("x"))));
    }

    @Test
    void aServerErrorIsOther() {
        discord.refuseNext("POST", "channels/\\d+/messages", 502, DataObject.empty());
        assertEquals(Kind.OTHER, kindOf(() -> thread.post(OutgoingMessage.of("x"))));
    }

    @Test
    void textOverTheLimitIsRefusedBeforeAnythingIsSent() {
        assertEquals(Kind.TOO_LONG, kindOf(() -> thread.post(OutgoingMessage.of("a".repeat(2001)))));
        assertTrue(discord.calls("POST", "channels/.*").isEmpty());
    }

    @Test
    void aStatusShowsTypingAtMostOncePerInterval() {
        thread.status("Generating video · 10s");
        thread.status("Generating video · 20s");
        clock.advance(TypingIndicator.INTERVAL);
        thread.status("Generating video · 30s");
        thread.status(null);

        discord.await("two typing calls", WAIT, () -> discord.calls("POST", "channels/\\d+/typing").size() == 2
                ? Optional.of(true) : Optional.empty());
        assertEquals(2, discord.calls("POST", "channels/" + key.thread() + "/typing").size());
    }

    @Test
    void aMentionIsDiscordsUserMention() {
        assertEquals("<@42>", thread.mention(Author.human("42", "Alice")));
    }

    @Test
    void onlyDiscordThreadsAreOpened() {
        assertThrows(IllegalArgumentException.class, () -> platform.thread(new ThreadKey("slack", "T1", "C1", "1.2")));
    }

    private static Kind kindOf(Runnable call) {
        return assertThrows(ChatPlatformException.class, call::run).kind();
    }
}
