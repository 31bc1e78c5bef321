package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.discord.fake.DiscordPayloads;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.FakeInteraction;
import io.nemobot.discord.fake.RecordedCall;
import io.nemobot.discord.fake.Snowflakes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter with the real JDA client against the fake Discord, and a recording core. */
class DiscordAdapterTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    FakeDiscord discord;
    RecordingConversations core;
    DiscordAdapter adapter;

    @BeforeEach
    void start() {
        discord = FakeDiscord.start(DiscordInvite.permissions());
        core = new RecordingConversations();
        adapter = new DiscordAdapter(Settings.of(discord.settings()), core, Clock.systemUTC(), WAIT);
        adapter.start();
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        discord.close();
    }

    @Test
    void connectsWithTheMinimumIntentsAndRegistersTheCommandsGlobally() {
        int intents = discord.lastIdentify().getInt("intents");
        assertEquals(1 | GatewayIntent.getRaw(DiscordAdapter.INTENTS), intents, "GUILDS + the three intents");
        assertFalse(discord.lastIdentify().hasKey("compress"));
        List<RecordedCall> registrations = discord.calls("PUT", "applications/\\d+/commands");
        assertEquals(1, registrations.size());
        assertEquals("applications/" + discord.applicationId() + "/commands", registrations.get(0).path());
        List<String> names = discord.registeredCommands().stream(DataArray::getObject)
                .map(command -> command.getString("name")).toList();
        assertEquals(List.of("video", "export", "credits", "status", "upload", "nemo"), names);
    }

    @Test
    void videoDefersAnswersOpensAThreadClaimsItAndHandsThePromptToIt() {
        FakeInteraction video = discord.slash(discord.textChannelId(), "video",
                Map.of("prompt", "A cat surfing at sunset, cinematic"));

        RecordingConversations.Accepted accepted = core.nextAccepted(WAIT);
        assertEquals(5, video.acknowledgedWith(), "deferred reply first");
        String threadId = discord.threadsOpenedByBot().get(0);
        assertEquals(video.originalId(), threadId, "the thread is opened on the bot's reply");
        ThreadKey key = new ThreadKey("discord", discord.guildId(), discord.textChannelId(), threadId);
        assertEquals(List.of(key), core.claims());
        IncomingMessage message = accepted.message();
        assertEquals(key, message.thread());
        assertEquals("A cat surfing at sunset, cinematic", message.text());
        assertEquals(video.id(), message.eventId());
        assertEquals(discord.userId(), message.author().id());
        assertEquals(key, accepted.replyTo().key());
        assertEquals(Optional.of("A cat surfing at sunset, cinematic"), discord.threadName(threadId));
        assertTrue(discord.message(video.originalId()).orElseThrow().content().contains("A cat surfing at sunset"));
    }
}
