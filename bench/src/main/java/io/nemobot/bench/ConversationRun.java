package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One measured run: a fresh simulator process and a fresh core, N conversations started at once, and
 * everything the platforms received checked against what the simulator sent.
 */
public final class ConversationRun {
    static final java.time.Duration SCRAPE_EVERY = java.time.Duration.ofSeconds(15);
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
    private final AtomicLongArray doneAt;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicBoolean[] exportAsked;
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
        this.doneAt = new AtomicLongArray(plans.size());
        this.growth = new SlackGrowth(plans.size());
        this.exportAsked = new AtomicBoolean[plans.size()];
        for (Plan.Conv c : plans) {
            convOf.put(c.thread(), c.index());
            exportAsked[c.index()] = new AtomicBoolean();
        }
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
            discord.listen(this::onCall);
            slack.listen(this::onCall);
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
            io.nemobot.metrics.PrometheusBotMetrics metrics = scenario.metrics()
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
            while (done.get() < plans.size() && System.nanoTime() < deadline) {
                sleep(50);
            }
            long end = System.nanoTime();
            boolean complete = done.get() == plans.size();
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
            long lastDone = 0;
            for (int i = 0; i < plans.size(); i++) {
                if (doneAt.get(i) != 0) {
                    lastDone = Math.max(lastDone, doneAt.get(i) - t0);
                }
            }
            RunResult.Builder r = new RunResult.Builder(scenario, settings, idealMs, wallMs, capMs, done.get());
            r.skewMicros = skewNanos / 1000;
            r.lastDoneMs = lastDone / 1_000_000;
            r.arrivals = arrivals;
            long[] h = handOffs.stream().mapToLong(Long::longValue).sorted().toArray();
            r.handOff = h.length == 0 ? "-" : String.format(java.util.Locale.ROOT, "p50 %.1f ms, max %.1f ms, total %.1f s",
                    h[h.length / 2] / 1e6, h[h.length - 1] / 1e6, java.util.Arrays.stream(h).sum() / 1e9);
            r.handOff += String.format(java.util.Locale.ROOT, "; all first messages given to the core within %.0f ms",
                    handedNanos / 1e6);
            r.sim = simStats;
            r.simCpuNanos = simStats.get("cpuNanos") - worldCpu0;
            r.stats = snap;
            measureLag(r, emitted, t0);
            printTrace(emitted, t0);
            for (Plan.Conv c : plans) {
                if (doneAt.get(c.index()) == 0 && r.notDone.size() < 6) {
                    List<String> msgs = platform(c).messages(c.thread());
                    r.notDone.add("conversation " + c.index() + " (" + c.kind() + ", " + c.platform() + ") not done: "
                            + msgs.size() + " messages, last: " + abbreviate(msgs.isEmpty() ? "-" : msgs.get(msgs.size() - 1)));
                }
            }
            checkFinals(r);
            if (settings.shape().equals(Plan.Settings.ONE_WORKSPACE)) {
                r.slackLines.addAll(growth.report(plans, doneAt, t0, emitted, r.lags.getOrDefault("slack", List.of()), slack));
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

    /** Decides, from what reached the platform, when each conversation is done; sends "export" when due. */
    private void onCall(BenchPlatform.Call call) {
        Integer index = convOf.get(call.thread());
        if (index == null || doneAt.get(index) != 0) {
            return;
        }
        Plan.Conv c = plans.get(index);
        growth.note(index, call.text());
        // The reply is complete once a call shows its last chunk without a progress line: the final
        // edit is skipped when the last edit already showed exactly that.
        boolean replyComplete = c.tokens() > 0 && !call.text().contains("⏳")
                && hasToken(call.text(), c.index(), c.tokens() - 1);
        switch (c.kind()) {
            case TEXT, GENERATE -> {
                if (replyComplete) {
                    markDone(index, call.atNanos());
                }
            }
            case SILENT -> {
                if (call.text().contains("\"" + c.label() + "\"")) {
                    markDone(index, call.atNanos());
                }
            }
            case EXPORT -> {
                if (replyComplete && exportAsked[index].compareAndSet(false, true)) {
                    users.schedule(() -> say(c, "export", 2), options.thinkMs(), TimeUnit.MILLISECONDS);
                } else if (call.kind().equals("post") && call.text().contains("Your video is ready")) {
                    markDone(index, call.atNanos());
                }
            }
        }
    }

    private void markDone(int index, long at) {
        if (doneAt.compareAndSet(index, 0, at)) {
            done.incrementAndGet();
        }
    }

    static boolean hasToken(String text, int conv, int chunk) {
        long want = Tokens.key(conv, chunk);
        boolean[] found = {false};
        Tokens.forEach(text, k -> found[0] |= k == want);
        return found[0];
    }

    /** Chunk → platform lag for every chunk: first seen on the platform minus first emitted by the simulator. */
    private void measureLag(RunResult.Builder r, Map<Long, Long> emitted, long t0) {
        for (Plan.Conv c : plans) {
            Long first = emitted.get(Tokens.key(c.index(), 0));
            if (first != null && c.steps().get(0) instanceof Plan.Pause p) {
                r.streamStarts.add(first - p.millis() * 1_000_000L - t0);
            }
            BenchPlatform p = platform(c);
            List<Long> lags = r.lags.computeIfAbsent(c.platform(), k -> new ArrayList<>());
            for (int k = 0; k < c.tokens(); k++) {
                Long e = emitted.get(Tokens.key(c.index(), k));
                long f = p.firstSeen(c.thread(), k);
                if (e == null) {
                    r.unemitted++;
                } else if (f == Long.MIN_VALUE) {
                    r.unseen++;
                } else {
                    lags.add(f - e);
                }
            }
        }
        for (String name : List.of("discord", "slack")) {
            Rules rules = name.equals("discord") ? Rules.discord() : Rules.slack();
            long convs = plans.stream().filter(c -> c.platform().equals(name)).count();
            if (convs == 0) {
                continue;
            }
            Map<String, Integer> busiest = new HashMap<>();
            for (Rules.Budget b : rules.budgets()) {
                Map<String, Integer> perScope = new HashMap<>();
                for (Plan.Conv c : plans) {
                    if (c.platform().equals(name)) {
                        perScope.merge(b.scope().apply(c.thread()), 1, Integer::sum);
                    }
                }
                busiest.put(b.name(), perScope.values().stream().max(Integer::compare).orElse(0));
            }
            r.fairShare.put(name, rules.fairShareSeconds(b -> busiest.get(b.name())));
            r.convsOn.put(name, (int) convs);
        }
    }

    /** Diagnostics: every call to the traced workspace, with how long the oldest chunk it showed had waited. */
    private void printTrace(Map<Long, Long> emitted, long t0) {
        for (BenchPlatform p : List.of(discord, slack)) {
            for (BenchPlatform.Traced t : p.traced()) {
                int conv = convOf.getOrDefault(t.thread(), -1);
                long oldest = Long.MAX_VALUE;
                for (int k : t.firstShown()) {
                    Long e = emitted.get(Tokens.key(conv, k));
                    if (e != null) {
                        oldest = Math.min(oldest, e);
                    }
                }
                System.err.printf(java.util.Locale.ROOT, "[ws] %7.3f %-6s conv %4d %-8s new %3d waited %s%n",
                        (t.atNanos() - t0) / 1e9, t.kind(), conv, conv < 0 ? "-" : plans.get(conv).kind(), t.firstShown().size(),
                        oldest == Long.MAX_VALUE ? "-" : String.format(java.util.Locale.ROOT, "%.3f", (t.atNanos() - oldest) / 1e9));
            }
        }
    }

    /** Every conversation's final state: the whole reply once, nothing lost, nothing doubled, nothing unexpected. */
    private void checkFinals(RunResult.Builder r) {
        for (Plan.Conv c : plans) {
            List<String> msgs = platform(c).messages(c.thread());
            List<String> problems = new ArrayList<>();
            boolean lost = false;
            boolean doubled = false;
            if (c.tokens() > 0) {
                int[] seen = new int[c.tokens()];
                List<Integer> order = new ArrayList<>();
                StringBuilder reply = new StringBuilder();
                for (String m : msgs) {
                    boolean has = false;
                    int before = order.size();
                    Tokens.forEach(m, k -> {
                        int chunk = Tokens.chunk(k);
                        if (Tokens.conv(k) == c.index() && chunk < seen.length) {
                            seen[chunk]++;
                            order.add(chunk);
                        }
                    });
                    has = order.size() > before;
                    if (has) {
                        reply.append(m).append(' ');
                        if (m.contains("⏳")) {
                            problems.add("progress line left in the final text");
                        }
                    }
                }
                int missing = 0;
                int twice = 0;
                for (int k = 0; k < seen.length; k++) {
                    if (seen[k] == 0) {
                        lost = true;
                        missing++;
                    } else if (seen[k] > 1) {
                        doubled = true;
                        twice++;
                    }
                }
                if (missing > 0 || twice > 0) {
                    problems.add(missing + " of " + seen.length + " chunks missing, " + twice + " shown more than once, "
                            + msgs.size() + " messages, last: " + abbreviate(msgs.isEmpty() ? "" : msgs.get(msgs.size() - 1)));
                }
                for (int i = 1; i < order.size(); i++) {
                    if (order.get(i) < order.get(i - 1)) {
                        problems.add("chunks out of order");
                        break;
                    }
                }
                if (!lost && !doubled && !normalize(reply.toString()).equals(normalize(c.expected()))) {
                    problems.add("reply text differs from the stream's text");
                }
            }
            if (c.kind() == Plan.Kind.SILENT) {
                long n = msgs.stream().filter(m -> m.contains("\"" + c.label() + "\"")).count();
                lost |= n == 0;
                doubled |= n > 1;
            }
            if (c.kind() == Plan.Kind.EXPORT) {
                long links = msgs.stream().filter(m -> m.contains("Your video is ready") && m.contains("/cdn/render_")).count();
                long rendered = msgs.stream().filter(m -> m.equals("✅ Rendered.")).count();
                lost |= links == 0 || rendered == 0;
                doubled |= links > 1 || rendered > 1;
            }
            for (String m : msgs) {
                if (m.contains("📥")) {
                    r.queuedNotices++;
                } else if (m.contains("⚠️") || m.contains("❌") || m.contains("🎬 On it")) {
                    problems.add("unexpected message: " + abbreviate(m));
                }
            }
            r.finalChecked(c, lost, doubled, problems);
        }
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }

    /** Checks that the simulator process's nanoTime is this process's (CLOCK_MONOTONIC on Linux). */
    private static long clockSkew(World world) {
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

    private static void sleep(long ms) {
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
