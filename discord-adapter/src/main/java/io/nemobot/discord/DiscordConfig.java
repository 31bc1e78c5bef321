package io.nemobot.discord;

import io.nemobot.config.Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.requests.RestConfig;

/**
 * The Discord settings, checked together. The token never appears in {@link #toString()}.
 *
 * @param token      the bot token ({@value DiscordAdapter#DISCORD_TOKEN})
 * @param guildId    the server to register commands to, for fast iteration; empty for global commands
 * @param apiUrl     REST base URL, ending in a slash
 * @param gatewayUrl gateway WebSocket URL ({@code wss://} or {@code ws://})
 * @param shards     the gateway shards this process connects
 */
record DiscordConfig(String token, Optional<String> guildId, String apiUrl, String gatewayUrl, ShardPlan shards) {
    static final String DEFAULT_API_URL = RestConfig.DEFAULT_BASE_URL;
    static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{1,20}");

    DiscordConfig {
        if (!problems(token, guildId, apiUrl, gatewayUrl).isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems(token, guildId, apiUrl, gatewayUrl)));
        }
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
        if (shards == null) {
            throw new IllegalArgumentException("shards must be set (ShardPlan.SINGLE for one connection)");
        }
    }

    /** The configuration from settings; throws listing every problem (see {@link #problems(Settings)}). */
    static DiscordConfig from(Settings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new DiscordConfig(settings.get(DiscordAdapter.DISCORD_TOKEN).orElseThrow(),
                settings.get(DiscordAdapter.DISCORD_GUILD_ID),
                settings.get(DiscordAdapter.DISCORD_API_URL, DEFAULT_API_URL),
                settings.get(DiscordAdapter.DISCORD_GATEWAY_URL, DEFAULT_GATEWAY_URL),
                ShardPlan.parse(settings.get(DiscordAdapter.DISCORD_SHARDS).orElse(null),
                        settings.get(DiscordAdapter.DISCORD_SHARD_TOTAL).orElse(null)));
    }

    /** Every problem with the Discord settings, each naming the variable to set; empty when all is well. */
    static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>(problems(settings.get(DiscordAdapter.DISCORD_TOKEN).orElse(null),
                settings.get(DiscordAdapter.DISCORD_GUILD_ID),
                settings.get(DiscordAdapter.DISCORD_API_URL, DEFAULT_API_URL),
                settings.get(DiscordAdapter.DISCORD_GATEWAY_URL, DEFAULT_GATEWAY_URL)));
        problems.addAll(ShardPlan.problems(settings.get(DiscordAdapter.DISCORD_SHARDS).orElse(null),
                settings.get(DiscordAdapter.DISCORD_SHARD_TOTAL).orElse(null)));
        return problems;
    }

    private static List<String> problems(String token, Optional<String> guildId, String apiUrl, String gatewayUrl) {
        List<String> problems = new ArrayList<>();
        if (token == null || token.isBlank()) {
            problems.add(DiscordAdapter.DISCORD_TOKEN + " is not set: copy the bot token from the Discord "
                    + "Developer Portal (your application > Bot > Reset Token)");
        } else if (token.regionMatches(true, 0, "Bot ", 0, 4)) {
            problems.add(DiscordAdapter.DISCORD_TOKEN + " must be the bare token, without the \"Bot \" prefix");
        } else if (!TOKEN.matcher(token).matches()) {
            problems.add(DiscordAdapter.DISCORD_TOKEN
                    + " does not look like a bot token (three parts separated by dots); copy it again from the "
                    + "Developer Portal (Bot > Reset Token)");
        }
        if (guildId != null && guildId.isPresent() && !SNOWFLAKE.matcher(guildId.get()).matches()) {
            problems.add(DiscordAdapter.DISCORD_GUILD_ID + " must be a server id (digits only; enable Developer "
                    + "Mode, right-click the server, Copy Server ID), or unset for global commands");
        }
        if (!hasScheme(apiUrl, "http", "https")) {
            problems.add(DiscordAdapter.DISCORD_API_URL + " must be an http(s) URL such as " + DEFAULT_API_URL);
        }
        if (!hasScheme(gatewayUrl, "ws", "wss")) {
            problems.add(DiscordAdapter.DISCORD_GATEWAY_URL + " must be a ws(s) URL such as " + DEFAULT_GATEWAY_URL);
        }
        return problems;
    }

    private static boolean hasScheme(String url, String... schemes) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.getHost() != null && List.of(schemes).contains(scheme);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Whether the gateway is Discord's own (which gets zlib transport compression). */
    boolean defaultGateway() {
        return DEFAULT_GATEWAY_URL.equals(gatewayUrl);
    }

    @Override
    public String toString() {
        return "DiscordConfig[token=<hidden>, guildId=" + guildId.orElse("<global>") + ", apiUrl=" + apiUrl
                + ", gatewayUrl=" + gatewayUrl + ", shards=" + shards + "]";
    }
}
