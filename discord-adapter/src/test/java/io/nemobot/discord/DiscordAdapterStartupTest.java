package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.Settings;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.testing.RecordingConversations;
import java.time.Clock;
import io.nemobot.testing.CoreTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting up: where commands go, and what the operator is told when something is wrong. */
class DiscordAdapterStartupTest {
    FakeDiscord discord;
    RecordingConversations core = new RecordingConversations();

    @BeforeEach
    void start() {
        discord = FakeDiscord.start(DiscordInvite.permissions());
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void withAGuildIdTheCommandsRegisterToThatGuild() {
        try (DiscordAdapter adapter = adapter(Map.of("DISCORD_GUILD_ID", discord.guildId()), CoreTime.WAIT)) {
            adapter.start();

            assertEquals(1, discord.calls("PUT", "applications/" + discord.applicationId() + "/guilds/"
                    + discord.guildId() + "/commands").size());
            assertTrue(discord.calls("PUT", "applications/\\d+/commands").isEmpty());
        }
    }

    @Test
    void aGuildTheBotIsNotInIsNamed() {
        try (DiscordAdapter adapter = adapter(Map.of("DISCORD_GUILD_ID", "1234"), CoreTime.WAIT)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, adapter::start);
            assertTrue(e.getMessage().startsWith("DISCORD_GUILD_ID=1234 is not a server the bot is in"), e.getMessage());
        }
    }

    @Test
    void aRefusedTokenSaysWhichVariableToFix() {
        String otherToken = "another-fake-token.only-for-tests.not-a-secret";
        try (DiscordAdapter adapter = adapter(Map.of("DISCORD_TOKEN", otherToken), CoreTime.WAIT)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, adapter::start);
            assertTrue(e.getMessage().contains("DISCORD_TOKEN"), e.getMessage());
            assertTrue(!e.getMessage().contains(otherToken));
        }
    }

    @Test
    void aSwitchedOffMessageContentIntentSaysWhereToSwitchItOn() {
        discord.disallowIntents(GatewayIntent.MESSAGE_CONTENT.getRawValue());
        try (DiscordAdapter adapter = adapter(Map.of(), CoreTime.WAIT)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, adapter::start);
            assertTrue(e.getMessage().contains("enable Message Content Intent"), e.getMessage());
        }
    }

    @Test
    void noReadyInTimeFailsTheStartNamingTheGatewayUrl() {
        String nowhere = discord.gatewayUrl().replace("/gateway", "/not-a-gateway");
        try (DiscordAdapter adapter = adapter(Map.of("DISCORD_GATEWAY_URL", nowhere), Duration.ofMillis(1500))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, adapter::start);
            assertTrue(e.getMessage().contains("DISCORD_GATEWAY_URL"), e.getMessage());
        }
    }

    private DiscordAdapter adapter(Map<String, String> overrides, Duration readyTimeout) {
        Map<String, String> values = new HashMap<>(discord.settings());
        values.putAll(overrides);
        return new DiscordAdapter(Settings.of(values), core, Clock.systemUTC(), readyTimeout);
    }
}
