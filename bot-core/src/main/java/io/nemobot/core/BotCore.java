package io.nemobot.core;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Conversations;
import io.nemobot.config.BotConfig;
import io.nemobot.config.ConfigSource;
import io.nemobot.config.Settings;
import io.nemobot.conversation.ConversationService;
import io.nemobot.conversation.ConversationWiring;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.Sleeper;
import io.nemobot.store.SqliteStore;
import io.nemobot.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;

/**
 * The platform-neutral core, built from settings: configuration (validated at once), the embedded
 * store, the one backend client of the process, and the conversation service adapters talk to.
 */
public final class BotCore implements AutoCloseable {
    private final BotConfig config;
    private final Store store;
    private final NemoClient nemo;
    private final ConversationService service;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ExecutorService sender;

    private BotCore(Builder b) {
        ConfigSource source = b.source != null ? b.source : defaultSource(b.settings);
        this.config = BotConfig.load(b.settings, source);
        this.store = b.store != null ? b.store : SqliteStore.open(config.dataDir());
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, new NamedThreads("nemo-timer"));
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
        this.workers = Executors.newCachedThreadPool(new NamedThreads("nemo-turn"));
        this.sender = Executors.newCachedThreadPool(new NamedThreads("nemo-send"));
        this.nemo = b.dispatcher == null
                ? new NemoClient(config.nemo(), store, b.sleeper, scheduler)
                : new NemoClient(config.nemo(), store, b.sleeper, scheduler, b.dispatcher);
        this.service = ConversationWiring.build(config, nemo, store, b.clock, System::nanoTime, scheduler, workers, sender);
    }

    /** The operator's {@code config/} directory ({@code NEMO_BOT_CONFIG}, else {@code ./config}), over the bundled defaults. */
    public static ConfigSource defaultSource(Settings settings) {
        Path dir = Path.of(settings.get("NEMO_BOT_CONFIG", "config"));
        ConfigSource bundled = ConfigSource.classpath();
        return Files.isDirectory(dir) ? ConfigSource.directory(dir).orElse(bundled) : bundled;
    }

    public static Builder builder() {
        return new Builder();
    }

    public void register(ChatPlatform platform) {
        service.register(platform);
    }

    public Conversations conversations() {
        return service;
    }

    public ConversationService service() {
        return service;
    }

    public BotConfig config() {
        return config;
    }

    public NemoClient nemo() {
        return nemo;
    }

    public Store store() {
        return store;
    }

    /** Resumes what a previous run left in flight (renders, interrupted turns). Call after registering platforms. */
    public void start() {
        service.resume();
    }

    @Override
    public void close() {
        service.stop();
        scheduler.shutdownNow();
        workers.shutdownNow();
        sender.shutdownNow();
        nemo.close();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    /** Builds a core; only settings are required. */
    public static final class Builder {
        private Settings settings = Settings.of(java.util.Map.of());
        private ConfigSource source;
        private Store store;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private Dispatcher dispatcher;

        public Builder settings(Settings value) {
            this.settings = value;
            return this;
        }

        public Builder configSource(ConfigSource value) {
            this.source = value;
            return this;
        }

        public Builder store(Store value) {
            this.store = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** The OkHttp dispatcher (the benchmark compares OkHttp's default one). */
        public Builder dispatcher(Dispatcher value) {
            this.dispatcher = value;
            return this;
        }

        public BotCore build() {
            return new BotCore(this);
        }
    }
}
