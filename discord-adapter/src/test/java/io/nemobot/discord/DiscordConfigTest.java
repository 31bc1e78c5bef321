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
}
