package io.nemobot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Checks;
import io.nemobot.chat.Conversations;
import io.nemobot.config.Settings;
import io.nemobot.slack.files.SlackFiles;
import io.nemobot.slack.inbound.BoltRoutes;
import io.nemobot.slack.inbound.SlackInbox;
import io.nemobot.slack.outbound.SlackChatPlatform;
import io.nemobot.slack.outbound.SlackTiers;
import io.nemobot.slack.transport.HttpTransport;
import io.nemobot.slack.transport.SocketModeTransport;
import io.nemobot.slack.transport.Transport;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack edge of the bot: a Bolt app whose events, slash commands and button clicks go to the core's
 * {@link Conversations}, and a {@link ChatPlatform} through which the core writes into Slack threads.
 * Register {@link #platform()} with the core, then {@link #start()}: Socket Mode when
 * {@code SLACK_APP_TOKEN} is set, HTTP mode on {@code SLACK_PORT} at {@code /slack/events} otherwise.
 */
public final class SlackAdapter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

    private final SlackSettings settings;
    private final SlackOptions options;
    private final Conversations conversations;
    private final Slack slack;
    private final MethodsClient client;
    private final SlackChatPlatform platform;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private Transport transport;
    private ScheduledFuture<?> idleSweep;

    public SlackAdapter(Settings settings, Conversations conversations) {
        this(settings, conversations, SlackOptions.defaults());
    }

    public SlackAdapter(Settings settings, Conversations conversations, SlackOptions options) {
        this.settings = SlackSettings.from(Checks.notNull(settings, "settings"));
        this.conversations = Checks.notNull(conversations, "conversations");
        this.options = Checks.notNull(options, "options");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(this.settings.apiUrl().toString());
        config.setStatsEnabled(false);
        this.slack = Slack.getInstance(config);
        this.client = slack.methods(this.settings.botToken());
        this.platform = new SlackChatPlatform(client, options.clock(), options.streamLifetime(), options.streamIdle(),
                options.nativeStreaming(), SlackTiers.parse(settings.get(SlackTiers.SETTING).orElse(null)),
                // the fleet's share (1 / live processes), times any share the options set (tests)
                () -> options.budgetShare().getAsDouble() * this.conversations.budgetShare());
        this.ownsScheduler = options.scheduler().isEmpty();
        this.scheduler = options.scheduler().orElseGet(SlackAdapter::ownScheduler);
    }

    /** Every problem of the Slack settings, each naming the variable to set; empty when usable. */
    public static List<String> validate(Settings settings) {
        return SlackSettings.validate(settings);
    }

    /** The platform to register with the core; usable before {@link #start()}. */
    public ChatPlatform platform() {
        return platform;
    }

    /**
     * Builds the Bolt app (which checks the bot token with {@code auth.test}) and starts receiving.
     *
     * @throws IllegalStateException when Slack refuses the token or the transport cannot start
     */
    public synchronized void start() {
        if (transport != null) {
            return;
        }
        App app = new App(AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret().orElse(null))
                .slack(slack)
                .allEventsApiAutoAckEnabled(true)
                .build());
        SlackInbox inbox = new SlackInbox(conversations, platform, client,
                new SlackFiles(client, settings.apiUrl(), settings.botToken()), scheduler, options.clock());
        try {
            BoltRoutes.install(app, inbox, options.clock());
        } catch (IllegalArgumentException e) {
            // Bolt checks the token with auth.test when the first middleware is added
            throw new IllegalStateException("Slack did not accept " + SlackSettings.BOT_TOKEN + " (or "
                    + SlackSettings.API_URL + " " + settings.apiUrl() + " could not be reached): " + e.getMessage(), e);
        }
        Transport chosen = settings.socketMode()
                ? new SocketModeTransport(app, settings.appToken().orElseThrow())
                : new HttpTransport(app, settings.port(), SlackSettings.EVENTS_PATH);
        try {
            chosen.start();
        } catch (Exception e) {
            chosen.close();
            throw new IllegalStateException("Slack did not start: " + e.getMessage(), e);
        }
        transport = chosen;
        long sweepMillis = Math.max(100, options.streamIdle().toMillis() / 2);
        idleSweep = scheduler.scheduleWithFixedDelay(this::closeIdleStreams, sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
        log.info("Slack adapter started ({})", settings);
    }

    /** Whether Slack's requests can reach the bot (for readiness): the transport is started and running. */
    public synchronized boolean connected() {
        return transport != null && transport.running();
    }

    /** HTTP mode's bound port once started (useful with {@code SLACK_PORT=0}); empty in Socket Mode. */
    public synchronized OptionalInt httpPort() {
        return transport instanceof HttpTransport http ? OptionalInt.of(http.port()) : OptionalInt.empty();
    }

    /**
     * The first step of a graceful stop when other processes of the fleet are live: in Socket Mode, closes
     * this process's connection, so Slack hands every new event (and any envelope this process did not
     * acknowledge) to the other processes' connections, while the turns running here go on writing
     * through the Web API until {@link #close()}. In HTTP mode it does nothing (a load balancer follows
     * {@code /readyz}). A lone process keeps its connection: with none open, Slack would have nobody to
     * tell "restarting" to the people writing meanwhile.
     *
     * @return whether a connection was closed
     */
    public synchronized boolean handOver() {
        return transport != null && transport.handOver();
    }

    private void closeIdleStreams() {
        try {
            platform.closeIdleStreams();
        } catch (RuntimeException e) {
            log.warn("Closing idle Slack streams failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (idleSweep != null) {
            idleSweep.cancel(false);
            idleSweep = null;
        }
        if (transport != null) {
            transport.close();
            transport = null;
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("Closing the Slack client failed", e);
        }
    }

    private static ScheduledExecutorService ownScheduler() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(4, r -> {
            Thread t = new Thread(r, "slack-adapter-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }
}
