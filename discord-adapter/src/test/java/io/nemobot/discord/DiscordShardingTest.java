package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.testing.RecordingConversations;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.FakeGuild;
import io.nemobot.testing.Await;
import io.nemobot.testing.CoreTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes with two of the bot's four shards each, against one fake Discord that routes each
 * server's events to its shard and DMs to shard 0: every event reaches exactly one process, and the
 * commands are registered once.
 */
class DiscordShardingTest {
    static final Duration WAIT = CoreTime.WAIT;

    FakeDiscord discord;
    List<DiscordAdapter> adapters = new ArrayList<>();

    @BeforeEach
    void start() {
        discord = FakeDiscord.start(DiscordInvite.permissions(), 4);
    }

    @AfterEach
    void stop() {
        adapters.forEach(DiscordAdapter::close);
        discord.close();
    }

    @Test
    void twoProcessesWithTwoShardsEachAnswerEveryServerAndDmExactlyOnce() {
        List<FakeGuild> guilds = List.of(discord.addGuild(0), discord.addGuild(1), discord.addGuild(2),
                discord.addGuild(3), new FakeGuild(discord.guildId(), discord.textChannelId()));
        RecordingConversations first = new RecordingConversations();
        RecordingConversations second = new RecordingConversations();
        DiscordAdapter low = start(first, Map.of("DISCORD_SHARDS", "0-1", "DISCORD_SHARD_TOTAL", "4"));
        DiscordAdapter high = start(second, Map.of("DISCORD_SHARDS", "2,3", "DISCORD_SHARD_TOTAL", "4"));

        Await.until(() -> low.connected() && high.connected(), WAIT, () -> "each connected once all its shards are");
        assertEquals(List.of(0, 1, 2, 3), discord.liveShards());
        Set<String> identified = discord.identifies().stream().map(d -> d.getArray("shard").toString())
                .collect(Collectors.toSet());
        assertEquals(Set.of("[0,4]", "[1,4]", "[2,4]", "[3,4]"), identified);
        assertEquals(1, discord.calls("PUT", "applications/\\d+/commands").size(), "commands registered once");

        for (FakeGuild guild : guilds) {
            RecordingConversations holder = discord.shardOf(guild.id()) < 2 ? first : second;
            discord.slash(guild.textChannelId(), "video", Map.of("prompt", "a lighthouse in " + guild.id()));
            ThreadKey thread = holder.nextMessage(WAIT).message().thread();
            assertEquals(guild.id(), thread.workspace(), "the /video of that server");
            first.knowConversation(thread);
            second.knowConversation(thread);
            String messageId = discord.userMessage(thread.thread(), "make it longer");
            assertEquals(messageId, holder.nextMessage(WAIT).message().eventId(), "the thread's message");
        }
        String dm = discord.userMessage(discord.dmChannelId(), "hello from a DM");
        assertEquals(dm, first.nextMessage(WAIT).message().eventId(), "DMs go to shard 0's process");

        assertEquals(List.of(), first.pendingMessages(), "no other message reached this process");
        assertEquals(List.of(), second.pendingMessages(), "no other message reached this process");
    }

    @Test
    void aProcessWithoutShardZeroConnectsButLeavesTheCommandsToTheProcessThatHasIt() {
        DiscordAdapter adapter = start(new RecordingConversations(),
                Map.of("DISCORD_SHARDS", "1-3", "DISCORD_SHARD_TOTAL", "4"));

        Await.until(adapter::connected, WAIT, () -> "statuses " + adapter.shards());
        assertEquals(List.of(1, 2, 3), discord.liveShards());
        assertTrue(discord.calls("PUT", "applications/.*commands").isEmpty(), discord.calls().toString());
    }

    @Test
    void aServersCommandsAreRegisteredByTheProcessHoldingItsShard() {
        FakeGuild guild = discord.addGuild(2);
        start(new RecordingConversations(), Map.of("DISCORD_SHARDS", "0-1", "DISCORD_SHARD_TOTAL", "4",
                "DISCORD_GUILD_ID", guild.id()));
        assertTrue(discord.calls("PUT", "applications/.*commands").isEmpty(), "shard 2 is not here");

        start(new RecordingConversations(), Map.of("DISCORD_SHARDS", "2-3", "DISCORD_SHARD_TOTAL", "4",
                "DISCORD_GUILD_ID", guild.id()));
        assertEquals(1, discord.calls("PUT", "applications/" + discord.applicationId() + "/guilds/" + guild.id()
                + "/commands").size());
        assertEquals(1, discord.calls("PUT", "applications/.*commands").size());
    }

    @Test
    void afterADropEveryShardResumesAndReadinessReturns() {
        DiscordAdapter adapter = start(new RecordingConversations(),
                Map.of("DISCORD_SHARDS", "0-1", "DISCORD_SHARD_TOTAL", "4"));
        Await.until(adapter::connected, WAIT, () -> "statuses " + adapter.shards());
        discord.dropGatewayAndAwait(WAIT);
        discord.awaitGatewayLive(WAIT);
        Await.until(adapter::connected, WAIT, () -> "statuses " + adapter.shards());
        assertTrue(discord.gatewayResumes() >= 2, "both shards resumed");
    }

    private DiscordAdapter start(RecordingConversations core, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(discord.settings());
        values.putAll(overrides);
        DiscordAdapter adapter = new DiscordAdapter(Settings.of(values), core, Clock.systemUTC(), WAIT, Duration.ZERO);
        adapters.add(adapter);
        adapter.start();
        return adapter;
    }
}
