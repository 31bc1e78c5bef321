package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.conversation.Footprint;
import io.nemobot.core.BotCore;
import io.nemobot.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The soak run: many short conversations, each in a new thread, a few live at a time, through the
 * real core, HTTP and SSE to the simulator, over simulated hours (see {@link SimulatedTime}); the
 * heap after full collections is measured after the first conversations and at the end, when the
 * core is idle and its clock is past every threshold after which it lets per-thread state go. What
 * the harness keeps of a conversation is dropped once its thread is checked, so the heap that grows
 * is the core's. See bench/README.md.
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
     */
    public record Settings(int conversations, int rate, int live, Duration step, int firstSample, int sampleEvery, int leakKb,
            long latencyMs, long seed) {
        public Settings {
            if (conversations < firstSample || firstSample < 1 || rate < 1 || live < 1 || sampleEvery < 1 || leakKb < 0) {
                throw new IllegalArgumentException("bad soak settings: " + conversations + " conversations, " + live
                        + " live, first sample " + firstSample + ", every " + sampleEvery + ", leak " + leakKb + " KB");
            }
        }
    }

    /** Past the longest idle threshold of the core (Retry offers: 12 h) with a margin. */
    static final Duration IDLE_JUMP = Duration.ofHours(13);
    /** A conversation not done after this long (real time) counts as stuck. */
    private static final long STUCK_NANOS = Duration.ofSeconds(60).toNanos();
    /** A done thread is checked and forgotten this long after (a late call would still be seen). */
    private static final long GRACE_MILLIS = 500;
    /** The user reads the reply this long before saying "export". */
    private static final long THINK_MILLIS = 200;

    private static final boolean TIMING = Boolean.getBoolean("bench.soakTiming");
    private final Settings settings;
    private final BenchMain.Options options;
    private final SimulatedTime time = new SimulatedTime();
    private final Map<ThreadKey, Live> live = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final AtomicInteger complete = new AtomicInteger();
    private final AtomicInteger withProblems = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicInteger queuedNotices = new AtomicInteger();
    private final AtomicInteger liveNow = new AtomicInteger();
    private final AtomicInteger peakLive = new AtomicInteger();
    private final List<String> problemSamples = Collections.synchronizedList(new ArrayList<>());
    /** The deliberate leak ({@code leakKb > 0}): what a per-thread map that is never cleared would hold. */
    private final List<Object> leaked = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "soak-janitor"));
    private final ScheduledExecutorService users = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "soak-users"));
    private SoakPlatform discord;
    private SoakPlatform slack;
    private BotCore core;
    private long t0;

    private static final class Live {
        final SoakPlan.Conv conv;
        final long startedAt = System.nanoTime();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicBoolean exportAsked = new AtomicBoolean();
        volatile boolean cutNoticeSeen;
        volatile boolean retryOfferSeen;

        Live(SoakPlan.Conv conv) {
            this.conv = conv;
        }
    }

    public SoakRun(Settings settings, BenchMain.Options options) {
        this.settings = settings;
        this.options = options;
        this.slots = new Semaphore(settings.live());
    }

    public SoakResult run() throws IOException {
        System.err.printf("[bench] soak: %d conversations, %d a second, at most %d live, +%d s simulated each%s%n",
                settings.conversations(), settings.rate(), settings.live(), settings.step().toSeconds(), settings.leakKb() > 0 ? ", LEAKING " + settings.leakKb() + " KB per thread" : "");
        Path storeFile = storeDirectory();
        Path histoFirst = options.workDir().resolve("soak-histogram-first.txt");
        Path histoEnd = options.workDir().resolve("soak-histogram-end.txt");
        List<SoakResult.Sample> samples = new ArrayList<>();
        try (World world = World.start(new Plan.Settings(settings.seed(), false, 0, SoakPlan.SLACK_PER_WORKSPACE, 50, 0),
                options.logFile())) {
            discord = new SoakPlatform(Rules.discord(), time::nanoTime, settings.latencyMs(), this::onCall);
            slack = new SoakPlatform(Rules.slack(), time::nanoTime, settings.latencyMs(), this::onCall);
            HookStore store = new HookStore(SqliteStore.open(storeFile),
                    (thread, sessionId) -> world.command("soak " + sessionId + " " + SoakPlan.indexOf(thread)));
            core = BotCore.builder().settings(io.nemobot.config.Settings.of(coreSettings(world))).store(store).clock(time.clock())
                    .ticker(time::nanoTime).build();
            core.register(discord);
            core.register(slack);
            core.start();
            janitor.scheduleWithFixedDelay(this::stuckOnes, 1, 1, TimeUnit.SECONDS);
            long cpu0 = ProcessStats.cpu();
            long simCpu0 = world.stats().get("cpuNanos");
            t0 = System.nanoTime();
            long spacing = 1_000_000_000L / settings.rate();
            long nextStart = System.nanoTime();
            for (int i = 0; i < settings.conversations(); i++) {
                // Conversations arrive at a steady rate, not as others end: were starts to wait for ends,
                // the live ones would fall into step, all waiting at once for their next edit with no new
                // start moving simulated time on, and the pacer would wake them a real second later.
                slots.acquireUninterruptibly();
                sleep(Math.max(0, (nextStart - System.nanoTime()) / 1_000_000));
                nextStart = Math.max(nextStart, System.nanoTime() - spacing) + spacing;
                time.advance(settings.step());
                start(SoakPlan.conversation(settings.seed(), i));
                int started = i + 1;
                if (started == settings.firstSample() || (started > settings.firstSample() && started % settings.sampleEvery() == 0)) {
                    drain();
                    samples.add(sample(started == settings.firstSample() ? "after the first " + started : "after " + started, started));
                    if (started == settings.firstSample()) {
                        HeapProbe.histogram(histoFirst);
                    }
                }
            }
            drain();
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
            return new SoakResult(settings, samples, complete.get(), withProblems.get(), stuck.get(), peakLive.get(), queuedNotices.get(),
                    problemSamples, calls,
                    HeapProbe.growth(histoFirst, histoEnd, 12), wall, cpu, (sim.get("cpuNanos") - simCpu0) / 1e9,
                    sim.get("sessions"));
        } finally {
            janitor.shutdownNow();
            users.shutdownNow();
            try (Stream<Path> files = Files.walk(storeFile)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
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
        return options.workDir().resolve("soak-store-" + System.nanoTime());
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
        // Simulated time runs about (live × step) per conversation's life: time-outs on the core's clock
        // (stream idle 10 min, render 5 min) would be seconds of real time. This run measures memory.
        s.put("NEMO_STREAM_IDLE_TIMEOUT", "6h");
        s.put("NEMO_STREAM_MAX_DURATION", "6h");
        s.put("NEMO_RENDER_TIMEOUT", "6h");
        return s;
    }

    private SoakPlatform platform(SoakPlan.Conv c) {
        return c.platform().equals("discord") ? discord : slack;
    }

    private void start(SoakPlan.Conv c) {
        platform(c).open(c.thread());
        live.put(c.thread(), new Live(c));
        peakLive.accumulateAndGet(liveNow.incrementAndGet(), Math::max);
        if (TIMING) {
            System.err.printf("[start] %s %d real %d sim %s%n", c.thread().thread(), System.nanoTime() / 1_000_000 % 100000,
                    time.nanoTime() / 1_000_000 % 1000000, c.kind());
        }
        say(c, ConversationRun.PROMPT, 1);
    }

    private void say(SoakPlan.Conv c, String text, int n) {
        core.conversations().accept(IncomingMessage.text(c.thread(), Author.human("u" + c.index(), "User " + c.index()), text,
                "e" + c.index() + "-" + n), platform(c).thread(c.thread()));
    }

    /** Decides from what reached the platform when a conversation is done; says "export" when due. */
    private void onCall(BenchPlatform.Call call) {
        Live l = live.get(call.thread());
        if (l == null || l.done.get()) {
            return;
        }
        SoakPlan.Conv c = l.conv;
        boolean replyComplete = c.tokens() > 0 && !call.text().contains("⏳")
                && ConversationRun.hasToken(call.text(), c.index(), c.tokens() - 1);
        boolean done = switch (c.kind()) {
            case TEXT -> replyComplete;
            case SILENT -> call.text().contains("\"" + c.label() + "\"");
            case CUT -> {
                // The reply's last edit (with the cut notice) and the Retry offer may arrive in either order.
                l.cutNoticeSeen |= call.text().contains(SoakChecks.CUT_NOTICE);
                l.retryOfferSeen |= call.text().contains(SoakChecks.RETRY_OFFERED);
                yield l.cutNoticeSeen && l.retryOfferSeen;
            }
            case EXPORT -> {
                if (replyComplete && l.exportAsked.compareAndSet(false, true)) {
                    users.schedule(() -> say(c, "export", 2), THINK_MILLIS, TimeUnit.MILLISECONDS);
                }
                yield call.kind().equals("post") && call.text().contains(SoakChecks.LINK);
            }
        };
        if (done && l.done.compareAndSet(false, true)) {
            if (TIMING) {
                System.err.printf("[t] %d %s %d ms%n", c.index(), c.kind(), (System.nanoTime() - l.startedAt) / 1_000_000);
            }
            liveNow.decrementAndGet();
            slots.release();
            janitor.schedule(() -> retire(l, false), GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Checks the conversation's thread, then forgets it (the harness keeps nothing of it, unless leaking on purpose). */
    private void retire(Live l, boolean wasStuck) {
        SoakPlan.Conv c = l.conv;
        List<String> msgs = platform(c).messages(c.thread());
        List<String> problems = new ArrayList<>(SoakChecks.problems(c, msgs));
        queuedNotices.addAndGet(SoakChecks.queuedNotices(msgs));
        if (wasStuck) {
            problems.add(0, "not done after " + STUCK_NANOS / 1_000_000_000 + " s; last message: "
                    + (msgs.isEmpty() ? "-" : SoakChecks.abbreviate(msgs.get(msgs.size() - 1))));
        }
        if (problems.isEmpty()) {
            complete.incrementAndGet();
        } else {
            withProblems.incrementAndGet();
            if (problemSamples.size() < 8) {
                problemSamples.add("conversation " + c.index() + " (" + c.kind() + ", " + c.platform() + "): "
                        + String.join("; ", problems));
            }
        }
        if (settings.leakKb() > 0) {
            leaked.add(new Object[] {c.thread(), msgs, new byte[settings.leakKb() * 1024]});
        }
        platform(c).forget(c.thread());
        live.remove(c.thread());
    }

    private void stuckOnes() {
        long now = System.nanoTime();
        for (Live l : live.values()) {
            if (now - l.startedAt > STUCK_NANOS && l.done.compareAndSet(false, true)) {
                stuck.incrementAndGet();
                liveNow.decrementAndGet();
                slots.release();
                retire(l, true);
            }
        }
    }

    /** Waits until every conversation started is done and forgotten, and the core has nothing running. */
    private void drain() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            sleep(20);
        }
        awaitFootprint(f -> f.lanes() == 0 && f.runningTurns() == 0 && f.renders() == 0 && f.activeUsers() == 0,
                Duration.ofSeconds(30));
    }

    private void awaitFootprint(java.util.function.Predicate<Footprint> ok, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ok.test(core.service().footprint()) && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    private SoakResult.Sample sample(String label, int conversations) {
        Footprint f = core.service().footprint(); // also lets the core's caches drop what has lapsed
        long heap = HeapProbe.usedAfterGc();
        SoakResult.Sample s = new SoakResult.Sample(label, conversations, time.offset().toSeconds() / 3600.0,
                (System.nanoTime() - t0) / 1e9, heap, f, SoakPlan.bucketsNeverReleased(conversations),
                "discord " + discord.held() + "; slack " + slack.held());
        System.err.printf(java.util.Locale.ROOT, "[soak] %-28s %6.1f s  sim %5.1f h  heap %6.1f MB  %s%n", label, s.wallSeconds(),
                s.simulatedHours(), heap / 1048576.0, f);
        return s;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
