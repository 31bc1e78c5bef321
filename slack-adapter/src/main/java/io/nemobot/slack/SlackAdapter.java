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
import io.nemobot.slack.transport.HttpTransport;
import io.nemobot.slack.transport.SocketModeTransport;
import io.nemobot.slack.transport.Transport;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private Transport transport;

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
        this.platform = new SlackChatPlatform(client, options.clock(), options.streamLifetime(),
                options.nativeStreaming());
        this.ownsExecutor = options.executor().isEmpty();
        this.executor = options.executor().orElseGet(SlackAdapter::ownExecutor);
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
                new SlackFiles(client, settings.apiUrl(), settings.botToken()), executor, options.clock(),
                options.clickDebounce());
        BoltRoutes.install(app, inbox, options.clock());
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
        log.info("Slack adapter started ({})", settings);
    }

    /** HTTP mode's bound port once started (useful with {@code SLACK_PORT=0}); empty in Socket Mode. */
    public synchronized OptionalInt httpPort() {
        return transport instanceof HttpTransport http ? OptionalInt.of(http.port()) : OptionalInt.empty();
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
        if (ownsExecutor) {
            executor.shutdownNow();
        }
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("Closing the Slack client failed", e);
        }
    }

    private static ExecutorService ownExecutor() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-adapter-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
