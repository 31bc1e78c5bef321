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
import net.dv8tion.jda.api.utils.Compression;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot on Discord: connects the gateway with JDA, registers the slash commands, turns events into
 * calls on the core's {@link Conversations}, and offers the core a {@link ChatPlatform} to answer
 * through. Configured by {@value #DISCORD_TOKEN}, {@value #DISCORD_GUILD_ID}, {@value #DISCORD_API_URL}
 * and {@value #DISCORD_GATEWAY_URL}.
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
    private final OkHttpClient http;
    private final DiscordPlatform platform;
    private final DiscordEntities entities;
    private volatile JDA jda;

    public DiscordAdapter(Settings settings, Conversations conversations) {
        this(settings, conversations, Clock.systemUTC(), READY_TIMEOUT);
    }

    /** With the clock that stamps events and paces typing and double-clicks, and the READY time-out. */
    public DiscordAdapter(Settings settings, Conversations conversations, Clock clock, Duration readyTimeout) {
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
        if (jda != null) {
            throw new IllegalStateException("already started");
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        DiscordListener listener = new DiscordListener(
                new CommandHandler(conversations, platform, entities, clock),
                new ButtonHandler(conversations, platform, clock),
                new MessageHandler(conversations, platform, entities, clock), ready);
        try {
            jda = builder(listener).build();
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("Discord refused the bot token: set " + DISCORD_TOKEN
                    + " to the current token (Developer Portal > Bot > Reset Token)", e);
        }
        awaitReady(ready);
        registerCommands();
        log.info("Discord ready as {} in {} server(s); invite: {}", jda.getSelfUser().getName(),
                jda.getGuildCache().size(), DiscordInvite.url(jda.getSelfUser().getApplicationId()));
    }

    private JDABuilder builder(DiscordListener listener) {
        return JDABuilder.createLight(config.token(), INTENTS)
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(new FixedGatewaySessionController(config.gatewayUrl()))
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
        jda.shutdownNow();
        jda = null;
        throw new IllegalStateException("Discord did not connect: " + problem);
    }

    private void registerCommands() {
        CommandListUpdateAction update;
        if (config.guildId().isPresent()) {
            Guild guild = jda.getGuildById(config.guildId().get());
            if (guild == null) {
                throw new IllegalStateException(DISCORD_GUILD_ID + "=" + config.guildId().get()
                        + " is not a server the bot is in: invite the bot there (see SETUP.md) or unset it");
            }
            update = guild.updateCommands();
        } else {
            update = jda.updateCommands();
        }
        List<CommandData> commands = SlashCommands.all(conversations.words());
        update.addCommands(commands).complete();
        log.info("registered {} slash commands {}", commands.size(),
                config.guildId().map(id -> "to server " + id).orElse("globally (may take up to an hour to appear)"));
    }

    /** Whether the gateway session is up (for readiness): false before {@link #start()}, while reconnecting and after close. */
    public boolean connected() {
        JDA client = jda;
        return client != null && client.getStatus() == JDA.Status.CONNECTED;
    }

    /** The running JDA client (tests), or null before {@link #start()}. */
    JDA jda() {
        return jda;
    }

    @Override
    public synchronized void close() {
        JDA client = jda;
        jda = null;
        if (client != null) {
            client.shutdown();
            try {
                if (!client.awaitShutdown(Duration.ofSeconds(10))) {
                    client.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                client.shutdownNow();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
