package io.nemobot.bench;

import io.nemobot.conversation.Footprint;
import io.nemobot.core.BotCore;
import io.nemobot.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The soak run: many short conversations, each in a new thread, a few live at a time, through the
 * real core, HTTP and SSE to the simulator, over simulated hours (see {@link SimulatedTime}); the
 * heap after full collections is measured after the first conversations and at the end, when the
 * core is idle and its clock is past every threshold after which it lets per-thread state go. What
 * the harness keeps of a conversation is dropped once its thread is checked (see
 * {@link SoakConversations}), so the heap that grows is the core's. See bench/README.md.
 */
public final class SoakRun {
    /**
     * @param conversations how many, each in its own new thread
     * @param rate          conversations started per second (arrivals; how many are live follows)
     * @param live          at most this many live at once (arrivals wait beyond)
     * @param step          simulated time added as each conversation starts
     * @param firstSample   the first measurement, after this many
     * @param sampleEvery   further measurements every this many
     * @param leakKb        a deliberate harness leak: each finished thread's key, messages and this many KB kept (0: none)
     * @param latencyMs     how long each platform call takes
     * @param seed          the conversations' scripts come from it
     */
    public record Settings(int conversations, int rate, int live, Duration step, int firstSample, int sampleEvery, int leakKb,
            long latencyMs, long seed) {
        public Settings {
            if (conversations < firstSample || firstSample < 1 || rate < 1 || live < 1 || sampleEvery < 1 || leakKb < 0) {
                throw new IllegalArgumentException("bad soak settings: " + conversations + " conversations, " + rate
                        + " a second, " + live + " live, first sample " + firstSample + ", every " + sampleEvery + ", leak "
                        + leakKb + " KB");
            }
        }
    }

    /** Past the longest idle threshold of the core (Retry offers: 12 h) with a margin. */
    static final Duration IDLE_JUMP = Duration.ofHours(13);

    private final Settings settings;
    private final BenchMain.Options options;
    private final SimulatedTime time = new SimulatedTime();
    private final SoakConversations conversations;
    private SoakPlatform discord;
    private SoakPlatform slack;
    private SqliteStore sqlite;
    private BotCore core;
    private long t0;

    public SoakRun(Settings settings, BenchMain.Options options) {
        this.settings = settings;
        this.options = options;
        this.conversations = new SoakConversations(settings);
    }

    public SoakResult run() throws IOException {
        System.err.printf("[bench] soak: %d conversations, %d a second, at most %d live, +%d s simulated each%s%n",
                settings.conversations(), settings.rate(), settings.live(), settings.step().toSeconds(),
                settings.leakKb() > 0 ? ", LEAKING " + settings.leakKb() + " KB per thread" : "");
        Path storeDir = storeDirectory();
        Path histoFirst = options.workDir().resolve("soak-histogram-first.txt");
        Path histoEnd = options.workDir().resolve("soak-histogram-end.txt");
        List<SoakResult.Sample> samples = new ArrayList<>();
        try (World world = World.start(new Plan.Settings(settings.seed(), false, 0, SoakPlan.SLACK_PER_WORKSPACE, 50, 0),
                options.logFile()); SoakConversations convs = conversations) {
            discord = new SoakPlatform(Rules.discord(), time::nanoTime, settings.latencyMs(), convs::onCall);
            slack = new SoakPlatform(Rules.slack(), time::nanoTime, settings.latencyMs(), convs::onCall);
            sqlite = SqliteStore.open(storeDir, time::nanoTime);
            HookStore store = new HookStore(sqlite,
                    (thread, sessionId) -> world.command("soak " + sessionId + " " + SoakPlan.indexOf(thread)));
            core = BotCore.builder().settings(io.nemobot.config.Settings.of(coreSettings(world))).store(store)
                    .clock(time.clock()).ticker(time::nanoTime).build();
            core.register(discord);
            core.register(slack);
            core.start();
            convs.connect(discord, slack, core);
            long cpu0 = ProcessStats.cpu();
            long simCpu0 = world.stats().get("cpuNanos");
            t0 = System.nanoTime();
            long spacing = 1_000_000_000L / settings.rate();
            long nextStart = System.nanoTime();
            for (int i = 0; i < settings.conversations(); i++) {
                // Conversations arrive at a steady rate, not as others end: were starts to wait for ends,
                // the live ones would fall into step, all waiting at once for their next edit with no new
                // start moving simulated time on, and the pacer would wake them a real second later.
                sleep(Math.max(0, (nextStart - System.nanoTime()) / 1_000_000));
                nextStart = Math.max(nextStart, System.nanoTime() - spacing) + spacing;
                time.advance(settings.step());
                convs.start(SoakPlan.conversation(settings.seed(), i));
                int started = i + 1;
                if (started == settings.firstSample() || (started > settings.firstSample() && started % settings.sampleEvery() == 0)) {
                    samples.add(sample((started == settings.firstSample() ? "after the first " : "after ") + started, started));
                    if (started == settings.firstSample()) {
                        HeapProbe.histogram(histoFirst);
                    }
                }
            }
            if (samples.get(samples.size() - 1).conversations() != settings.conversations()) {
                samples.add(sample("after " + settings.conversations(), settings.conversations()));
            }
            // Quiet: the clock passes every threshold (Retry offers 12 h), then the pacers' sweeps (once per window) run.
            time.advance(IDLE_JUMP);
            awaitFootprint(Footprint::empty, Duration.ofSeconds(90));
            samples.add(sample("end: idle, clock +" + IDLE_JUMP.toHours() + " h", settings.conversations()));
            HeapProbe.histogram(histoEnd);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (ProcessStats.cpu() - cpu0) / 1e9;
            Map<String, Long> sim = world.stats();
            List<SoakResult.Calls> calls = new ArrayList<>();
            for (SoakPlatform p : List.of(discord, slack)) {
                calls.add(new SoakResult.Calls(p.rules().name(), p.posts(), p.edits(), p.refused(), p.refusedBy(), p.late(),
                        p.lateSamples(), p.tooLong()));
            }
            core.close();
            return new SoakResult(settings, samples, convs.complete(), convs.withProblems(), convs.stuck(), convs.peakLive(),
                    convs.queuedNotices(), convs.problemSamples(), calls, HeapProbe.growth(histoFirst, histoEnd, 12), wall, cpu,
                    (sim.get("cpuNanos") - simCpu0) / 1e9, sim.get("sessions"));
        } finally {
            try (Stream<Path> files = Files.walk(storeDir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Where the SQLite file goes: on tmpfs ({@code /dev/shm}) where there is one, so that the run
     * measures memory rather than this machine's disk syncs (every write is synced before it returns;
     * on a shared disk that made the turns wait seconds). The file is outside the heap either way.
     */
    private Path storeDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "nemo-soak-store-");
        }
        return Files.createTempDirectory(options.workDir(), "soak-store-");
    }

    private Map<String, String> coreSettings(World world) {
        Map<String, String> s = new HashMap<>();
        s.put("NEMO_API_BASE", world.simUrl());
        s.put("NEMO_BOT_DATA", options.workDir().resolve("data").toString());
        s.put("NEMO_BOT_CONFIG", "does-not-exist");
        s.put("NEMO_RENDER_POLL_INTERVAL", "50ms");
        s.put("NEMO_RECOVERY_FIRST_CHECK", "50ms");
        s.put("NEMO_RECOVERY_INTERVAL", "50ms");
        s.put("NEMO_RECOVERY_CHECKS", "2");
        // Simulated time passes about (live × step) in a conversation's life: time-outs on the core's
        // clock (stream idle 10 min, render 5 min) would be seconds of real time. This run measures memory.
        s.put("NEMO_STREAM_IDLE_TIMEOUT", "6h");
        s.put("NEMO_STREAM_MAX_DURATION", "6h");
        s.put("NEMO_RENDER_TIMEOUT", "6h");
        return s;
    }

    /**
     * Waits until every conversation started is done and checked and the core runs nothing, then
     * measures: the core's footprint (which also lets its caches drop what has lapsed), then the heap
     * after full collections.
     */
    private SoakResult.Sample sample(String label, int started) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!conversations.idle() && System.nanoTime() < deadline) {
            sleep(20);
        }
        awaitFootprint(f -> f.lanes() == 0 && f.runningTurns() == 0 && f.renders() == 0 && f.activeUsers() == 0,
                Duration.ofSeconds(30));
        Footprint f = core.service().footprint();
        long cached = sqlite.cachedBindings();
        long heap = HeapProbe.usedAfterGc();
        SoakResult.Sample s = new SoakResult.Sample(label, started, time.offset().toSeconds() / 3600.0,
                (System.nanoTime() - t0) / 1e9, heap, f, SoakPlan.bucketsNeverReleased(started), cached,
                "discord " + discord.held() + "; slack " + slack.held());
        System.err.printf(Locale.ROOT, "[soak] %-28s %6.1f s  sim %5.1f h  heap %6.1f MB  %s, store bindings in memory %d%n",
                label, s.wallSeconds(), s.simulatedHours(), heap / 1048576.0, f, cached);
        return s;
    }

    private void awaitFootprint(Predicate<Footprint> ok, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ok.test(core.service().footprint()) && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
