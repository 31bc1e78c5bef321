package io.nemobot.discord;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Checks;
import io.nemobot.chat.Conversations;
import io.nemobot.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.requests.restaction.CommandListUpdateAction;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.utils.Compression;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot on Discord: connects the gateway with JDA, registers the slash commands, turns events into
 * calls on the core's {@link Conversations}, and offers the core a {@link ChatPlatform} to answer
 * through. Configured by {@value #DISCORD_TOKEN}, {@value #DISCORD_GUILD_ID}, {@value #DISCORD_API_URL},
 * {@value #DISCORD_GATEWAY_URL}, and for a bot split over processes {@value #DISCORD_SHARDS} and
 * {@value #DISCORD_SHARD_TOTAL} (then JDA's ShardManager holds this process's shards).
 */
public final class DiscordAdapter implements AutoCloseable {
    /** The bot token (Developer Portal, your application, Bot, Reset Token). Required. */
    public static final String DISCORD_TOKEN = "DISCORD_TOKEN";
    /** A server id: commands register to that server only, at once (else globally). Optional. */
    public static final String DISCORD_GUILD_ID = "DISCORD_GUILD_ID";
    /** REST base URL, for REST proxies; defaults to Discord's. */
    public static final String DISCORD_API_URL = "DISCORD_API_URL";
    /** Gateway WebSocket URL; defaults to Discord's. */
    public static final String DISCORD_GATEWAY_URL = "DISCORD_GATEWAY_URL";
    /** The shards this process connects: {@code 0-3} or {@code 0,2,5}; default all of the total. */
    public static final String DISCORD_SHARDS = "DISCORD_SHARDS";
    /** How many shards the bot has across all its processes; default 1 (one connection, no sharding). */
    public static final String DISCORD_SHARD_TOTAL = "DISCORD_SHARD_TOTAL";

    /**
     * GUILD_MESSAGES and DIRECT_MESSAGES: messages in threads and DMs; MESSAGE_CONTENT (privileged):
     * their text and files. JDA always adds GUILDS (servers, channels, threads), which it needs for
     * its channel cache.
     */
    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);

    private final DiscordConfig config;
    private final Conversations conversations;
    private final Clock clock;
    private final Duration readyTimeout;
    private final Duration identifySpacing;
    private final OkHttpClient http;
    private final DiscordPlatform platform;
    private final DiscordEntities entities;
    private volatile GatewaySessions sessions;

    public DiscordAdapter(Settings settings, Conversations conversations) {
        this(settings, conversations, Clock.systemUTC(), READY_TIMEOUT);
    }

    /** With the clock that stamps events and paces typing and double-clicks, and the READY time-out. */
    public DiscordAdapter(Settings settings, Conversations conversations, Clock clock, Duration readyTimeout) {
        this(settings, conversations, clock, readyTimeout, FixedGatewaySessionController.IDENTIFY_SPACING);
    }

    /** With the spacing between two shards' IDENTIFYs (Discord's five seconds, shorter against a fake). */
    DiscordAdapter(Settings settings, Conversations conversations, Clock clock, Duration readyTimeout,
            Duration identifySpacing) {
        this.identifySpacing = identifySpacing;
        this.config = DiscordConfig.from(settings);
        this.conversations = Checks.notNull(conversations, "conversations");
        this.clock = clock;
        this.readyTimeout = readyTimeout;
        this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60)).writeTimeout(Duration.ofSeconds(60)).build();
        DiscordRest rest = new DiscordRest(http, config.apiUrl(), config.token());
        this.platform = new DiscordPlatform(rest, new TypingIndicator(rest, clock));
        this.entities = new DiscordEntities(http);
    }

    /** Every problem with the Discord settings, each naming the variable to set; empty when all is well. */
    public static List<String> validate(Settings settings) {
        return DiscordConfig.problems(settings);
    }

    /** Where the core writes. Usable before {@link #start()}: it needs only the token. */
    public ChatPlatform platform() {
        return platform;
    }

    /**
     * Connects, waits for the gateway's READY (up to the time-out), and registers the slash commands.
     *
     * @throws IllegalStateException naming what to fix when Discord refuses the token or the intents,
     *                               or does not answer in time
     */
    public synchronized void start() {
        if (sessions != null) {
            throw new IllegalStateException("already started");
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        DiscordListener listener = new DiscordListener(
                new CommandHandler(conversations, platform, entities, clock),
                new ButtonHandler(conversations, platform, clock),
                new MessageHandler(conversations, platform, entities, clock), ready, config.shards().ids().size());
        try {
            sessions = config.shards().sharded() ? GatewaySessions.of(shardManager(listener).build(),
                    config.shards().ids().size()) : GatewaySessions.of(builder(listener).build());
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("Discord refused the bot token: set " + DISCORD_TOKEN
                    + " to the current token (Developer Portal > Bot > Reset Token)", e);
        }
        awaitReady(ready);
        registerCommands();
        log.info("Discord ready as {} on shard(s) {} in {} server(s); invite: {}", sessions.self().getName(),
                config.shards(), sessions.guildCount(), DiscordInvite.url(sessions.self().getApplicationId()));
    }

    private JDABuilder builder(DiscordListener listener) {
        return JDABuilder.createLight(config.token(), INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(new FixedGatewaySessionController(config.gatewayUrl(), identifySpacing))
                .setCompression(config.defaultGateway() ? Compression.ZLIB : Compression.NONE)
                .setHttpClient(http)
                .setAutoReconnect(true)
                .setEnableShutdownHook(false)
                .addEventListeners(listener);
    }

    /** The same options as {@link #builder}, for this process's shards of the total. */
    private DefaultShardManagerBuilder shardManager(DiscordListener listener) {
        return DefaultShardManagerBuilder.createLight(config.token(), INTENTS)
                .setShardsTotal(config.shards().total())
                .setShards(config.shards().ids())
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(new FixedGatewaySessionController(config.gatewayUrl(), identifySpacing))
                .setCompression(config.defaultGateway() ? Compression.ZLIB : Compression.NONE)
                .setHttpClient(http)
                .setAutoReconnect(true)
                .setEnableShutdownHook(false)
                .addEventListeners(listener);
    }

    private void awaitReady(CompletableFuture<Boolean> ready) {
        String problem;
        try {
            ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException e) {
            problem = "no READY from the gateway within " + readyTimeout.toSeconds() + " s: check "
                    + DISCORD_GATEWAY_URL + " and the network";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while waiting for READY";
        } catch (ExecutionException e) {
            problem = e.getCause().getMessage();
        }
        sessions.shutdownNow();
        sessions = null;
        throw new IllegalStateException("Discord did not connect: " + problem);
    }

    /**
     * Registers the slash commands, from one process only when the bot is split over several: global
     * commands from the holder of shard 0, a server's commands from the holder of that server's shard
     * (see {@link ShardPlan}). The others skip it, so a rolling restart does not overwrite the list N times.
     */
    private void registerCommands() {
        ShardPlan shards = config.shards();
        CommandListUpdateAction update;
        if (config.guildId().isPresent()) {
            String id = config.guildId().get();
            if (!shards.registersCommandsOf(Long.parseUnsignedLong(id))) {
                log.info("slash commands for server {} are registered by the process holding shard {}", id,
                        shards.shardOf(Long.parseUnsignedLong(id)));
                return;
            }
            Guild guild = sessions.guild(id);
            if (guild == null) {
                throw new IllegalStateException(DISCORD_GUILD_ID + "=" + id
                        + " is not a server the bot is in: invite the bot there (see SETUP.md) or unset it");
            }
            update = guild.updateCommands();
        } else if (shards.registersGlobalCommands()) {
            update = sessions.any().updateCommands();
        } else {
            log.info("slash commands are registered by the process holding shard 0");
            return;
        }
        List<CommandData> commands = SlashCommands.all(conversations.words());
        update.addCommands(commands).complete();
        log.info("registered {} slash commands {}", commands.size(),
                config.guildId().map(id -> "to server " + id).orElse("globally (may take up to an hour to appear)"));
    }

    /**
     * Whether the gateway is up (for readiness): every shard this process holds is connected. False
     * before {@link #start()}, while any shard reconnects, and after close.
     */
    public boolean connected() {
        GatewaySessions current = sessions;
        return current != null && current.connected();
    }

    /** The running JDA clients, one per shard (tests); empty before {@link #start()}. */
    List<JDA> shards() {
        GatewaySessions current = sessions;
        return current == null ? List.of() : current.shards();
    }

    @Override
    public synchronized void close() {
        GatewaySessions current = sessions;
        sessions = null;
        if (current != null) {
            current.shutdown(Duration.ofSeconds(10));
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
