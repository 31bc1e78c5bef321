package io.nemobot.core;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Conversations;
import io.nemobot.config.BotConfig;
import io.nemobot.config.ConfigException;
import io.nemobot.config.ConfigSource;
import io.nemobot.config.Settings;
import io.nemobot.conversation.ConversationService;
import io.nemobot.conversation.ConversationWiring;
import io.nemobot.fleet.Fleet;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.Sleeper;
import io.nemobot.store.PostgresStore;
import io.nemobot.store.SqliteStore;
import io.nemobot.store.Store;
import io.nemobot.store.StoreException;
import io.nemobot.store.TimedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The platform-neutral core, built from settings: configuration (validated at once), the store
 * (embedded SQLite, or PostgreSQL with {@code NEMO_DATABASE_URL}), the one backend client of the
 * process, and the conversation service adapters talk to.
 */
public final class BotCore implements AutoCloseable {
    private final BotConfig config;
    private final Store store;
    private final NemoClient nemo;
    private final ConversationService service;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final ExecutorService sender;
    private final BotMetrics metrics;
    private final FleetMembership fleet;
    private final DoubleSupplier budgetShare;
    /** How long a graceful stop waits for the interrupted replies to show that the bot is restarting. */
    private static final java.time.Duration REPLY_WAIT = java.time.Duration.ofSeconds(10);

    private BotCore(Builder b) {
        this.metrics = b.metrics;
        ConfigSource source = b.source != null ? b.source : defaultSource(b.settings);
        this.config = BotConfig.load(b.settings, source);
        Store opened = b.store != null ? b.store : openStore(config, b.ticker);
        this.store = TimedStore.of(opened, metrics, b.ticker);
        this.scheduler = b.scheduler != null ? b.scheduler : defaultScheduler();
        this.workers = b.workers != null ? b.workers : Executors.newCachedThreadPool(new NamedThreads("nemo-turn"));
        this.sender = b.sender != null ? b.sender : Executors.newCachedThreadPool(new NamedThreads("nemo-send"));
        this.nemo = new NemoClient(config.nemo(), store, b.sleeper, scheduler, b.ticker, metrics);
        this.fleet = FleetMembership.join(b.settings, opened, b.clock, b.sleeper);
        this.budgetShare = b.budgetShare != null ? b.budgetShare : fleet.share();
        this.service = ConversationWiring.build(config, nemo, store, fleet.fleet(), fleet.gate(), budgetShare, b.clock,
                b.ticker, scheduler, workers, sender, metrics);
    }

    private static ScheduledExecutorService defaultScheduler() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, new NamedThreads("nemo-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * The store the settings choose: PostgreSQL when {@code NEMO_DATABASE_URL} is set, else SQLite in
     * {@code NEMO_BOT_DATA}. A database that cannot be reached is a configuration problem naming the
     * setting and the reason, so the launcher reports it in one line and exits non-zero.
     */
    static Store openStore(BotConfig config, LongSupplier ticker) {
        if (config.database().isEmpty()) {
            return SqliteStore.open(config.dataDir(), ticker);
        }
        try {
            return PostgresStore.open(config.database().get());
        } catch (StoreException e) {
            throw new ConfigException(List.of("NEMO_DATABASE_URL: " + e.getMessage()));
        }
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

    /** Where the core reports what operators measure ({@link BotMetrics#NONE} unless the launcher set one). */
    public BotMetrics metrics() {
        return metrics;
    }

    /**
     * Resumes what a previous run left in flight (renders, interrupted turns). Call after registering platforms.
     * In a fleet, first {@link #joinFleet()} (unless done already).
     */
    public void start() {
        joinFleet();
        service.resume();
        fleet.startSweep(scheduler, service);
    }

    /**
     * In a fleet: starts this process's heartbeat and waits (a renewal period and a half at most) until the
     * other live processes have counted this one in their shares of the platform budgets, so that together
     * they stay within them; alone, or once done, returns at once. {@link #start()} calls it; a launcher calls
     * it first when it connects, before {@code start()}, platforms that deliver messages on their own (a
     * gateway, a socket), so that no message is answered before this process is counted.
     */
    public void joinFleet() {
        fleet.takePart(scheduler);
    }

    /** The processes sharing this core's store (this one alone unless the store is PostgreSQL). */
    public Fleet fleet() {
        return fleet.fleet();
    }

    /**
     * This process's share of each platform budget, between 0 and 1: a pacer allows
     * {@code max(1, floor(limit x share))} where one process alone would allow {@code limit}. By default
     * 1 / the fleet's live processes, re-divided at each heartbeat (always 1 for a single process).
     */
    public DoubleSupplier budgetShare() {
        return budgetShare;
    }

    /**
     * A graceful stop, then {@link #close()}: new messages are told the bot is restarting, work in
     * flight may end for up to {@code grace}, and turns still running then are left open (explained after
     * the restart) with their replies saying the bot is restarting. Returns how many turns were left open.
     */
    public int shutDown(java.time.Duration grace) {
        int open = service.shutDown(grace, REPLY_WAIT);
        close();
        return open;
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
        fleet.close();
        store.close();
    }

    /**
     * Builds a core; only settings are required. Time and threads default to the system's (the one
     * place the core reads the system clocks); tests and the benchmark pass their own. Executors passed
     * in belong to the core from then on: {@link #close()} shuts them down.
     */
    public static final class Builder {
        private Settings settings = Settings.of(java.util.Map.of());
        private ConfigSource source;
        private Store store;
        private Clock clock = Clock.systemUTC();
        private LongSupplier ticker = System::nanoTime;
        private ScheduledExecutorService scheduler;
        private ExecutorService workers;
        private ExecutorService sender;
        private Sleeper sleeper = Sleeper.REAL;
        private BotMetrics metrics = BotMetrics.NONE;
        /** Null: the fleet's share (1 / live processes; {@code () -> 1.0} for a single process). */
        private DoubleSupplier budgetShare;

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

        /** Wall-clock time: stored timestamps, the day of daily limits, render ages. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Elapsed time in nanoseconds, as {@link System#nanoTime()} (pacing, progress, expiry of kept state). */
        public Builder ticker(LongSupplier value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** Waits: pacing, progress ticks, render polls, recovery reads, the backend client's watchdog. */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** Runs the threads' lanes (one task per message) and blocking backend reads. */
        public Builder workers(ExecutorService value) {
            this.workers = Objects.requireNonNull(value, "workers");
            return this;
        }

        /** Makes the platform calls (edits, posts, status lines). */
        public Builder sender(ExecutorService value) {
            this.sender = Objects.requireNonNull(value, "sender");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** Where the core reports metrics; {@link BotMetrics#NONE} when not set. */
        public Builder metrics(BotMetrics value) {
            this.metrics = value == null ? BotMetrics.NONE : value;
            return this;
        }

        /**
         * This process's share of each platform budget instead of the fleet's (tests, the benchmark). When
         * not set it is the fleet's: 1 / the live processes sharing the store, which for a single process
         * is always {@code 1.0}.
         */
        public Builder budgetShare(DoubleSupplier value) {
            this.budgetShare = Objects.requireNonNull(value, "budgetShare");
            return this;
        }

        public BotCore build() {
            return new BotCore(this);
        }
    }
}
