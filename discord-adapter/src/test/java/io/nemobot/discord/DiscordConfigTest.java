package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscordConfigTest {
    static final String TOKEN = "fake-discord-token.only-for-tests.not-a-secret";

    @Test
    void aTokenAloneIsEnoughAndTheUrlsDefaultToDiscords() {
        Settings settings = Settings.of(Map.of("DISCORD_TOKEN", TOKEN));

        assertEquals(List.of(), DiscordAdapter.validate(settings));
        DiscordConfig config = DiscordConfig.from(settings);
        assertEquals("https://discord.com/api/v10/", config.apiUrl());
        assertEquals("wss://gateway.discord.gg/", config.gatewayUrl());
        assertEquals(Optional.empty(), config.guildId());
        assertTrue(config.defaultGateway());
    }

    @Test
    void everyProblemIsListedAtOnceNamingTheVariable() {
        List<String> problems = DiscordAdapter.validate(Settings.of(Map.of("DISCORD_GUILD_ID", "my-server",
                "DISCORD_API_URL", "ftp://proxy.example", "DISCORD_GATEWAY_URL", "https://gateway.example")));

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("DISCORD_TOKEN is not set"));
        assertTrue(problems.get(1).startsWith("DISCORD_GUILD_ID"));
        assertTrue(problems.get(2).startsWith("DISCORD_API_URL"));
        assertTrue(problems.get(3).startsWith("DISCORD_GATEWAY_URL"));
    }

    @Test
    void aTokenWithTheBotPrefixOrTheWrongShapeIsRefused() {
        assertTrue(DiscordAdapter.validate(Settings.of(Map.of("DISCORD_TOKEN", "Bot " + TOKEN))).get(0)
                .contains("without the \"Bot \" prefix"));
        assertTrue(DiscordAdapter.validate(Settings.of(Map.of("DISCORD_TOKEN", "client-secret-not-a-token"))).get(0)
                .contains("does not look like a bot token"));
    }

    @Test
    void aProxyAndAGuildAreTaken() {
        DiscordConfig config = DiscordConfig.from(Settings.of(Map.of("DISCORD_TOKEN", TOKEN,
                "DISCORD_GUILD_ID", "123456789012345678", "DISCORD_API_URL", "http://rest-proxy:8080/api/v10",
                "DISCORD_GATEWAY_URL", "ws://gateway-proxy:7878")));

        assertEquals("http://rest-proxy:8080/api/v10/", config.apiUrl());
        assertEquals("ws://gateway-proxy:7878", config.gatewayUrl());
        assertEquals(Optional.of("123456789012345678"), config.guildId());
        assertFalse(config.defaultGateway());
    }

    @Test
    void theTokenNeverShowsInTextOrErrors() {
        DiscordConfig config = DiscordConfig.from(Settings.of(Map.of("DISCORD_TOKEN", TOKEN)));
        assertFalse(config.toString().contains(TOKEN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiscordConfig.from(
                Settings.of(Map.of("DISCORD_TOKEN", "Bot " + TOKEN))));
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void shardsDefaultToOneConnectionAndTakeARangeOrAList() {
        assertEquals(ShardPlan.SINGLE, DiscordConfig.from(Settings.of(Map.of("DISCORD_TOKEN", TOKEN))).shards());
        assertEquals(new ShardPlan(List.of(0, 1, 2, 3), 4), ShardPlan.parse(null, "4"));
        assertEquals(List.of(2, 3), ShardPlan.parse("2-3", "4").ids());
        assertEquals(List.of(0, 2, 5), ShardPlan.parse("5, 0,2", "8").ids());
        assertEquals(4, ShardPlan.parse("0-3", "8").shardOf(175928847299117063L), "(id >> 22) % 8");
    }

    @Test
    void everyShardProblemIsListedNamingTheVariable() {
        List<String> problems = DiscordAdapter.validate(Settings.of(Map.of("DISCORD_TOKEN", TOKEN,
                "DISCORD_SHARDS", "2-5", "DISCORD_SHARD_TOTAL", "4")));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("DISCORD_SHARDS=2-5 names shards beyond DISCORD_SHARD_TOTAL=4"));
        assertTrue(ShardPlan.problems("3-1", "4").get(0).startsWith("DISCORD_SHARDS must be a range"));
        assertTrue(ShardPlan.problems("first", null).get(0).startsWith("DISCORD_SHARDS must be a range"));
        assertTrue(ShardPlan.problems("0", "0").get(0).startsWith("DISCORD_SHARD_TOTAL must be"));
        assertTrue(ShardPlan.problems("0", "many").get(0).startsWith("DISCORD_SHARD_TOTAL must be"));
    }
}
