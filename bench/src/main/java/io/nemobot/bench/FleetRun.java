package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A run over several bot processes and one PostgreSQL (issue 12): the world (simulator + CDN) in its
 * child JVM as always, a fresh PostgreSQL server, {@code processes} bot JVMs ({@link NodeMain}) over it,
 * and the enforcing platforms in this JVM behind {@link PlatformServer}, so every limit is counted across
 * the processes. Each user message goes to the next live process in turn (round robin over messages,
 * not threads), so a conversation's "export" usually reaches another process than its first message and
 * waits on the thread's lease. The simulator picks each conversation's script from the conversation's
 * name in its first message (the sessions are made in the bot processes, which the harness cannot hook).
 * With {@code kill}, one process gets SIGKILL at half the ideal time; the others must end every
 * conversation it left, or explain it.
 */
public final class FleetRun {
    /** The fleet's lease in these runs ({@code -Dbench.fleetLease}, default the core's 30 s). */
    static final String LEASE = System.getProperty("bench.fleetLease", "30s");
    /**
     * How the processes divide the platforms' budgets ({@code -Dbench.fleetShare}): {@code fleet} (the default), the
     * core's own share (1 / live processes, re-divided at each heartbeat, a leaver counted for a minute more), or
     * {@code fixed}, the old mode: every shared limit cut to 1/n in the profiles, the core told a share of 1.
     */
    static final String SHARE_MODE = System.getProperty("bench.fleetShare", NodeMain.LIVE_SHARE);

    /** What to run. */
    public record Scenario(String name, int conversations, int processes, boolean kill) {
        public Scenario {
            if (processes < 2 || conversations < 1) {
                throw new IllegalArgumentException("a fleet run needs at least 2 processes and 1 conversation");
            }
        }
    }

    private final Scenario scenario;
    private final BenchMain.Options options;
    private final Plan.Settings settings;
    private final List<Plan.Conv> plans;
    private final Map<ThreadKey, Integer> convOf = new HashMap<>();
    /** Messages handed again after the kill (see {@link #redeliver}). */
    private final AtomicInteger redelivered = new AtomicInteger();
    private final DoneWatch watch;
    private final RunChecks checks;
    private final List<Node> nodes = new ArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();
    /** Which process each conversation's first message went to (1-based; 0: not yet). */
    private final AtomicIntegerArray firstTo;
    private final AtomicInteger moved = new AtomicInteger();
    private final AtomicInteger asked = new AtomicInteger();
    private BenchPlatform discord;
    private BenchPlatform slack;
    private final ScheduledExecutorService users = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-users");
        t.setDaemon(true);
        return t;
    });

    public FleetRun(Scenario scenario, BenchMain.Options options) {
        this.scenario = scenario;
        this.options = options;
        this.settings = new Plan.Settings(options.seed(), options.quick(), scenario.conversations(),
                options.slackPerWorkspace(), options.renderPollMs(), options.thinkMs(), Plan.Settings.MIXED);
        this.plans = Plan.of(settings);
        this.firstTo = new AtomicIntegerArray(plans.size());
        for (Plan.Conv c : plans) {
            convOf.put(c.thread(), c.index());
        }
        this.watch = new DoneWatch(plans, convOf, null, c -> {
            asked.incrementAndGet();
            users.schedule(() -> say(c, "export", 2), options.thinkMs(), TimeUnit.MILLISECONDS);
        });
        this.checks = new RunChecks(plans, convOf, c -> c.platform().equals("discord") ? discord : slack);
        fixedShare(); // a mistyped -Dbench.fleetShare fails before anything starts
    }

    public FleetResult run() {
        long idealMs = plans.stream().mapToLong(c -> c.idealMs(settings)).max().orElse(0);
        // With a kill, a conversation whose thread the dead process held waits for its lease to lapse and the next
        // sweep (a lease and a half) before a survivor runs what is left of it (an export, a render): the cap allows it.
        long takeOverMs = scenario.kill() ? io.nemobot.config.Settings.parseDuration(LEASE).toMillis() * 3 / 2 : 0;
        long capMs = (long) (idealMs * options.capFactor()) + 20_000 + takeOverMs;
        System.err.printf("[bench] %s: %d conversations over %d processes, ideal %.1f s, cap %.0f s%n", scenario.name(),
                scenario.conversations(), scenario.processes(), idealMs / 1e3, capMs / 1e3);
        Path log = options.logFile();
        try (BenchPostgres pg = BenchPostgres.start(); World world = World.start(settings, log)) {
            world.command("bytext");
            long skewNanos = ConversationRun.clockSkew(world);
            discord = new BenchPlatform(Rules.discord(), BenchPlatform.Mode.ENFORCE, options.latencyMs());
            slack = new BenchPlatform(Rules.slack(), BenchPlatform.Mode.ENFORCE, options.latencyMs());
            for (Plan.Conv c : plans) {
                (c.platform().equals("discord") ? discord : slack).track(c.thread(), c.index(), c.tokens());
            }
            discord.listen(watch::onCall);
            slack.listen(watch::onCall);
            try (PlatformServer server = new PlatformServer(Map.of("discord", discord, "slack", slack))) {
                startNodes(server.url(), world.simUrl(), pg.url(), log);
                warmUp();
                long warmSessions = world.stats().get("sessions");
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "bench-fleet-sampler");
                    t.setDaemon(true);
                    return t;
                });
                sampler.scheduleAtFixedRate(() -> nodes.forEach(Node::sampleCpu), 0, 250, TimeUnit.MILLISECONDS);
                ProcessStats stats = new ProcessStats(100).follow(world.pid());
                stats.start();
                long worldCpu0 = world.stats().get("cpuNanos");
                long pgCpu0 = pg.cpuNanos();
                long[] nodeCpu0 = nodes.stream().mapToLong(n -> ProcessStats.procCpu(n.pid())).toArray();
                long t0 = System.nanoTime();
                for (Plan.Conv c : plans) {
                    say(c, ConversationRun.PROMPT + " (conversation #" + c.index() + ")", 1);
                }
                java.util.concurrent.atomic.AtomicLong killedAt = new java.util.concurrent.atomic.AtomicLong(-1);
                if (scenario.kill()) {
                    users.schedule(() -> {
                        killedAt.set(System.nanoTime());
                        nodes.get(1).kill();
                        System.err.printf("[bench] %s: killed process %s (SIGKILL) at %.1f s%n", scenario.name(),
                                nodes.get(1).id(), (killedAt.get() - t0) / 1e9);
                        users.schedule(() -> redeliver(nodes.get(1)), REDELIVER_AFTER.toMillis(), TimeUnit.MILLISECONDS);
                    }, idealMs / 2, TimeUnit.MILLISECONDS);
                }
                long deadline = t0 + capMs * 1_000_000L;
                while (!watch.allDone() && System.nanoTime() < deadline) {
                    ConversationRun.sleep(50);
                }
                long end = System.nanoTime();
                ConversationRun.sleep(options.quick() ? 1000 : 2000); // anything sent twice would arrive now
                nodes.forEach(Node::sampleCpu);
                long pgCpu = pg.cpuNanos() - pgCpu0;
                ProcessStats.Snapshot snap = stats.stop();
                Map<String, Long> simStats = world.stats();
                Map<Long, Long> emitted = world.chunks(options.workDir());
                String arrivals = world.arrivals(t0);
                sampler.shutdownNow();
                users.shutdownNow();
                List<FleetResult.NodeFigures> figures = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    Node n = nodes.get(i);
                    figures.add(new FleetResult.NodeFigures(n.id(), n.cpuNanos() - nodeCpu0[i], n.peakRss(), n.said(), n.killed(),
                            FleetReport.shares(n.shares(), t0, end)));
                }
                // Checked before the processes stop: a process that leaves gives its leases back expired, so a run
                // stopped at the cap would otherwise see survivors explain the leaver's turns still running.

                long wallMs = watch.allDone() ? (end - t0) / 1_000_000 : -1;
                RunResult.Builder r = new RunResult.Builder(new ConversationRun.Scenario(scenario.name(), plans.size(),
                        BenchPlatform.Mode.ENFORCE, false), settings, idealMs, wallMs, capMs, watch.done());
                r.skewMicros = skewNanos / 1000;
                r.lastDoneMs = watch.lastDone(t0) / 1_000_000;
                r.arrivals = arrivals;
                r.handOff = "none (each conversation's script is picked by the simulator from its first message)";
                simStats.put("sessions", simStats.get("sessions") - warmSessions); // the measured run's own
                r.sim = simStats;
                r.simCpuNanos = simStats.get("cpuNanos") - worldCpu0;
                r.stats = snap;
                checks.measureLag(r, emitted, t0);
                checks.notDone(r, watch);
                checks.checkFinals(r);
                r.platform(discord);
                r.platform(slack);
                List<Long> delays = new ArrayList<>();
                List<Integer> explained = new ArrayList<>();
                for (Plan.Conv c : plans) {
                    if (watch.explainedAt(c.index()) != 0) {
                        explained.add(c.index());
                        if (killedAt.get() > 0) {
                            delays.add((watch.explainedAt(c.index()) - killedAt.get()) / 1_000_000);
                        }
                    }
                }
                return new FleetResult(r.build(), figures, pgCpu, LEASE, shareMode(), killedAt.get() < 0 ? -1 : (killedAt.get() - t0) / 1_000_000,
                        delays, explained, moved.get(), asked.get(), simStats.get("tokens"), redelivered.get());
            } finally {
                nodes.forEach(Node::close);
            }
        }
    }

    /** The first process alone (it migrates the schema), then the others together. */
    private void startNodes(String platformUrl, String simUrl, String databaseUrl, Path log) {
        String share = fixedShare() ? Double.toString(1.0 / scenario.processes()) : NodeMain.LIVE_SHARE;
        for (int i = 1; i <= scenario.processes(); i++) {
            String id = "p" + i;
            List<String> args = new ArrayList<>(List.of(id, share, platformUrl, simUrl, databaseUrl,
                    Integer.toString(options.renderPollMs()), options.workDir().resolve("data-" + id).toString(), LEASE));
            args.addAll(List.of(settings.args().split(" ")));
            Node node = Node.start(id, args, log.resolveSibling("node-" + (scenario.kill() ? "kill-" : "") + id + ".log"));
            nodes.add(node);
            if (i == 1) {
                node.awaitReady();
            }
        }
        nodes.subList(1, nodes.size()).forEach(Node::awaitReady);
    }

    /**
     * A process serving a fleet has been running: each new JVM first serves {@link #WARM_UP} short
     * conversations of its own (Discord guild {@code Gwarm}, outside the plan), and the run starts once
     * every process is idle and the platforms' one-second windows have passed. Their calls are in the
     * platforms' totals (a few hundred), their sessions are not counted. With the core's own share, the run
     * also waits until every process has counted the others (1/n each: a process re-reads the count at its
     * heartbeat, a third of a lease), as in a fleet that has been running.
     */
    private void warmUp() {
        nodes.forEach(n -> n.warm(WARM_UP));
        long deadline = System.nanoTime() + 60_000_000_000L;
        ConversationRun.sleep(1000);
        while (System.nanoTime() < deadline && nodes.stream().mapToInt(Node::busy).sum() > 0) {
            ConversationRun.sleep(250);
        }
        double settled = 1.0 / nodes.size();
        while (!fixedShare() && System.nanoTime() < deadline
                && nodes.stream().anyMatch(n -> Math.abs(n.share() - settled) > 1e-9)) {
            ConversationRun.sleep(250);
        }
        ConversationRun.sleep(2000);
    }

    private static boolean fixedShare() {
        if (!SHARE_MODE.equals("fixed") && !SHARE_MODE.equals(NodeMain.LIVE_SHARE)) {
            throw new IllegalArgumentException("-Dbench.fleetShare must be fleet or fixed: " + SHARE_MODE);
        }
        return SHARE_MODE.equals("fixed");
    }

    /** How the budgets were divided, for the report. */
    private String shareMode() {
        return fixedShare() ? "fixed 1/" + scenario.processes() + " of every shared limit in the profiles (-Dbench.fleetShare=fixed)"
                : "the core's own FleetShare (1 / live processes at each heartbeat)";
    }

    /**
     * The messages a killed process was handed and never acknowledged, handed again (same event id) to the
     * live processes: a platform delivers an event it got no answer for again (Slack retries an event whose
     * request failed; a load balancer sends the retry to a live process). One the dead process did record is
     * deduplicated fleet-wide, so this never makes a second turn.
     */
    private void redeliver(Node dead) {
        Map<Integer, Plan.Conv> byIndex = new HashMap<>();
        plans.forEach(c -> byIndex.put(c.index(), c));
        List<Node.Untaken> lost = dead.untaken();
        for (Node.Untaken u : lost) {
            say(byIndex.get(u.conv()), u.text(), u.n());
        }
        redelivered.set(lost.size());
        System.err.printf("[bench] %s: delivered again %d messages process %s never acknowledged%n", scenario.name(),
                lost.size(), dead.id());
    }

    /** How soon after a kill a platform delivers the dead process's unacknowledged messages again. */
    private static final Duration REDELIVER_AFTER = Duration.ofSeconds(1);

    /** Warm-up conversations per process. */
    static final int WARM_UP = 20;

    /** Hands the message to the next live process in turn. */
    private void say(Plan.Conv c, String text, int n) {
        for (int tries = 0; tries < nodes.size() * 2; tries++) {
            int pick = Math.floorMod(turn.getAndIncrement(), nodes.size());
            Node node = nodes.get(pick);
            if (node.say(c.index(), n, text)) {
                if (n == 1) {
                    firstTo.set(c.index(), pick + 1);
                } else if (firstTo.get(c.index()) != pick + 1) {
                    moved.incrementAndGet();
                }
                return;
            }
        }
        System.err.println("[bench] no live process took conversation " + c.index() + "'s message " + n);
    }
}
