package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One measured run: a fresh simulator process and a fresh core, N conversations started at once, and
 * everything the platforms received checked against what the simulator sent.
 */
public final class ConversationRun {
    static final java.time.Duration SCRAPE_EVERY = java.time.Duration.ofSeconds(15);
    /** Metrics in every run, not only in {@code metrics1000} ({@code -Dbench.metricsInEveryRun=true}). */
    static final boolean METRICS_IN_EVERY_RUN = Boolean.getBoolean("bench.metricsInEveryRun");

    static final String PROMPT = "Please create a short film about the city at night with soft music and warm colors";

    /**
     * What to run; {@code sqlite}: the core keeps its state in the bot's SQLite file instead of memory;
     * {@code metrics}: the core reports to a Prometheus registry, scraped every {@link #SCRAPE_EVERY} as
     * Prometheus would (its cost is the difference to the same run without); {@code shape}: how the
     * conversations are spread over platforms ({@link Plan.Settings#MIXED} unless a Slack-only run).
     */
    public record Scenario(String name, int conversations, BenchPlatform.Mode mode, boolean sqlite, boolean metrics,
            String shape) {
        public Scenario(String name, int conversations, BenchPlatform.Mode mode, boolean sqlite, boolean metrics) {
            this(name, conversations, mode, sqlite, metrics, Plan.Settings.MIXED);
        }

        public Scenario(String name, int conversations, BenchPlatform.Mode mode, boolean sqlite) {
            this(name, conversations, mode, sqlite, false, Plan.Settings.MIXED);
        }
    }

    private final Scenario scenario;
    private final SlackGrowth growth;
    private final BenchMain.Options options;
    private final Plan.Settings settings;
    private final List<Plan.Conv> plans;
    private final Map<ThreadKey, Integer> convOf = new HashMap<>();
    private final DoneWatch watch;
    private final RunChecks checks;
    private final Map<Integer, Boolean> queued = new ConcurrentHashMap<>();
    /** How long the harness held each new session to queue its script in the simulator (its own overhead). */
    private final java.util.concurrent.atomic.AtomicLong scrapedBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Queue<Long> handOffs = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private BenchPlatform discord;
    private BenchPlatform slack;
    private BotCore core;
    private final ScheduledExecutorService users = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-users");
        t.setDaemon(true);
        return t;
    });

    public ConversationRun(Scenario scenario, BenchMain.Options options) {
        this.scenario = scenario;
        this.options = options;
        this.settings = new Plan.Settings(options.seed(), options.quick(), scenario.conversations(),
                options.slackPerWorkspace(), options.renderPollMs(), options.thinkMs(), scenario.shape());
        this.plans = Plan.of(settings);
        this.growth = new SlackGrowth(plans.size());
        for (Plan.Conv c : plans) {
            convOf.put(c.thread(), c.index());
        }
        this.watch = new DoneWatch(plans, convOf, growth,
                c -> users.schedule(() -> say(c, "export", 2), options.thinkMs(), TimeUnit.MILLISECONDS));
        this.checks = new RunChecks(plans, convOf, this::platform);
    }

    public RunResult run() {
        long idealMs = 0;
        for (Plan.Conv c : plans) {
            idealMs = Math.max(idealMs, c.idealMs(settings));
        }
        long capMs = (long) (idealMs * options.capFactor()) + 20_000;
        System.err.printf("[bench] %s: %d conversations, ideal %.1f s, cap %.0f s%n", scenario.name(),
                scenario.conversations(), idealMs / 1e3, capMs / 1e3);
        try (World world = World.start(settings, options.logFile())) {
            long skewNanos = clockSkew(world);
            discord = new BenchPlatform(Rules.discord(), scenario.mode(), options.latencyMs());
            slack = new BenchPlatform(Rules.slack(), scenario.mode(), options.latencyMs());
            for (Plan.Conv c : plans) {
                platform(c).track(c.thread(), c.index(), c.tokens());
            }
            discord.listen(watch::onCall);
            slack.listen(watch::onCall);
            io.nemobot.store.Store base = scenario.sqlite()
                    ? io.nemobot.store.SqliteStore.open(options.workDir().resolve("store-" + System.nanoTime()))
                    : new io.nemobot.store.MemoryStore();
            HookStore store = new HookStore(base, (thread, sessionId) -> {
                Integer conv = convOf.get(thread);
                if (conv != null && queued.putIfAbsent(conv, Boolean.TRUE) == null) {
                    long h0 = System.nanoTime();
                    world.command("turn " + sessionId + " " + conv);
                    handOffs.add(System.nanoTime() - h0);
                }
            });
            // -Dbench.metricsInEveryRun=true: the runs before a metrics run have metrics too, so the JVM has compiled
            // the metrics code before the measured run, as in a bot that has been running (see bench/README.md).
            io.nemobot.metrics.PrometheusBotMetrics metrics = scenario.metrics() || METRICS_IN_EVERY_RUN
                    ? new io.nemobot.metrics.PrometheusBotMetrics() : null;
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-prometheus");
                t.setDaemon(true);
                return t;
            });
            if (metrics != null) {
                scraper.scheduleAtFixedRate(() -> scrapedBytes.addAndGet(metrics.scrape().length()),
                        SCRAPE_EVERY.toMillis(), SCRAPE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
            core = BotCore.builder().settings(Settings.of(coreSettings(world))).store(store).metrics(metrics).build();
            core.register(discord);
            core.register(slack);
            core.start();

            ProcessStats stats = new ProcessStats(100).follow(world.pid());
            stats.start();
            long worldCpu0 = world.stats().get("cpuNanos");
            long t0 = System.nanoTime();
            for (Plan.Conv c : plans) {
                say(c, PROMPT, 1);
            }
            long handedNanos = System.nanoTime() - t0;
            long deadline = t0 + capMs * 1_000_000L;
            while (!watch.allDone() && System.nanoTime() < deadline) {
                sleep(50);
            }
            long end = System.nanoTime();
            boolean complete = watch.allDone();
            sleep(options.quick() ? 1000 : 2000); // anything sent twice would arrive now
            ProcessStats.Snapshot snap = stats.stop();
            Map<String, Long> simStats = world.stats();
            Map<Long, Long> emitted = world.chunks(options.workDir());
            String arrivals = world.arrivals(t0);
            core.close();
            users.shutdownNow();
            scraper.shutdownNow();
            if (metrics != null) {
                System.err.printf("[bench] %s: scraped %d KB of metrics%n", scenario.name(), scrapedBytes.get() / 1024);
                metrics.close();
            }

            long wallMs = complete ? (end - t0) / 1_000_000 : -1;
            RunResult.Builder r = new RunResult.Builder(scenario, settings, idealMs, wallMs, capMs, watch.done());
            r.skewMicros = skewNanos / 1000;
            r.lastDoneMs = watch.lastDone(t0) / 1_000_000;
            r.arrivals = arrivals;
            long[] h = handOffs.stream().mapToLong(Long::longValue).sorted().toArray();
            r.handOff = h.length == 0 ? "-" : String.format(java.util.Locale.ROOT, "p50 %.1f ms, max %.1f ms, total %.1f s",
                    h[h.length / 2] / 1e6, h[h.length - 1] / 1e6, java.util.Arrays.stream(h).sum() / 1e9);
            r.handOff += String.format(java.util.Locale.ROOT, "; all first messages given to the core within %.0f ms",
                    handedNanos / 1e6);
            r.sim = simStats;
            r.simCpuNanos = simStats.get("cpuNanos") - worldCpu0;
            r.stats = snap;
            checks.measureLag(r, emitted, t0);
            checks.printTrace(List.of(discord, slack), emitted, t0);
            checks.notDone(r, watch);
            checks.checkFinals(r);
            if (settings.shape().equals(Plan.Settings.ONE_WORKSPACE)) {
                r.slackLines.addAll(growth.report(plans, watch.doneAtAll(), t0, emitted, r.lags.getOrDefault("slack", List.of()), slack));
            }
            for (BenchPlatform p : List.of(discord, slack)) {
                r.platform(p);
            }
            return r.build();
        }
    }

    private BenchPlatform platform(Plan.Conv c) {
        return c.platform().equals("discord") ? discord : slack;
    }

    private Map<String, String> coreSettings(World world) {
        Map<String, String> s = new HashMap<>();
        s.put("NEMO_API_BASE", world.simUrl());
        s.put("NEMO_BOT_DATA", options.workDir().resolve("data").toString());
        s.put("NEMO_BOT_CONFIG", "does-not-exist");
        s.put("NEMO_RENDER_POLL_INTERVAL", options.renderPollMs() + "ms");
        return s;
    }

    private void say(Plan.Conv c, String text, int n) {
        ThreadKey t = c.thread();
        core.conversations().accept(IncomingMessage.text(t, Author.human("u" + c.index(), "User " + c.index()), text,
                "e" + c.index() + "-" + n), platform(c).thread(t));
    }

    /** Checks that the simulator process's nanoTime is this process's (CLOCK_MONOTONIC on Linux). */
    static long clockSkew(World world) {
        long best = Long.MAX_VALUE;
        long skew = 0;
        for (int i = 0; i < 5; i++) {
            long a = System.nanoTime();
            long theirs = Long.parseLong(world.command("now").substring(4));
            long b = System.nanoTime();
            if (b - a < best) {
                best = b - a;
                skew = theirs - (a + b) / 2;
            }
        }
        if (Math.abs(skew) > 5_000_000) {
            throw new IllegalStateException("the two processes' clocks differ by " + skew / 1000 + " µs: lag cannot be measured");
        }
        return skew;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path workDir() {
        return options.workDir();
    }
}
