package io.nemobot.testing;

import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole core end to end, for one test at a time: a Nemo simulator over real HTTP, a store in a
 * fresh directory, a {@link RecordingPlatform}, and a core whose time is a {@link ManualScheduler}.
 * The core's own waits (pacing between edits, progress ticks, render polls, recovery reads, rate-limit
 * pauses, the stream watchdog) run on that time, which moves only while the test waits in
 * {@link #await}: a window the core keeps open (a rate limit, a double click) stays open between the
 * test's steps however loaded the machine is, and nothing the core times fires behind the test's back.
 * Use as {@code @RegisterExtension final CoreFixture bot = CoreFixture.started();}.
 */
public final class CoreFixture implements BeforeEachCallback, AfterEachCallback {
    /** The longest real wait for anything; a test that needs it has failed. */
    public static final Duration WAIT = CoreTime.WAIT;
    /** How far the core's time moves each time a waiting test looks again. */
    public static final Duration STEP = CoreTime.STEP;
    public static final Author ANA = Author.human("U1", "Ana");

    private final boolean bootEachTest;
    private final Map<String, String> settings = new HashMap<>();
    private Duration demoPace = Duration.ofMillis(5);
    private Path data;
    private NemoSimulator sim;
    private RecordingPlatform platform;
    private final CoreTime time = new CoreTime();
    private BotCore core;

    private CoreFixture(boolean bootEachTest) {
        this.bootEachTest = bootEachTest;
    }

    /** A core is running when each test starts. */
    public static CoreFixture started() {
        return new CoreFixture(true);
    }

    /** The test starts the core itself ({@link #boot}), e.g. to stop it and start another on the same store. */
    public static CoreFixture notStarted() {
        return new CoreFixture(false);
    }

    /** A setting for every core this fixture starts (over {@link TestCores#fastSettings}). */
    public CoreFixture with(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** The simulator's pause between streamed chunks. */
    public CoreFixture demoPace(Duration value) {
        this.demoPace = value;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("nemo-core-");
        sim = NemoSimulator.start();
        sim.setDemoPace(demoPace);
        platform = RecordingPlatform.fast("test");
        if (bootEachTest) {
            boot(Map.of());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            stop();
        } finally {
            sim.releaseHangs();
            sim.close();
            deleteData();
        }
    }

    /**
     * Starts a core on this fixture's store, simulator and platform, stopping the running one first
     * (a restart). Its time goes on from where the last core's stopped.
     */
    public BotCore boot(Map<String, String> overrides) {
        stop();
        Map<String, String> s = new HashMap<>(settings);
        s.putAll(overrides);
        core = time.drive(TestCores.builder(sim.baseUrl(), data, s)).build();
        core.register(platform);
        core.start();
        return core;
    }

    /** Stops the running core, if any (turns in flight stay open in the store, as after a crash). */
    public void stop() {
        if (core != null) {
            BotCore running = core;
            core = null;
            running.close();
        }
    }

    /** The platform the next {@link #boot} registers (the running core keeps the one it has). */
    public void usePlatform(RecordingPlatform value) {
        this.platform = value;
    }

    public BotCore core() {
        if (core == null) {
            throw new IllegalStateException("no core is running: boot one first");
        }
        return core;
    }

    public NemoSimulator sim() {
        return sim;
    }

    public RecordingPlatform platform() {
        return platform;
    }

    /** The core's time: move it by hand with {@link ManualScheduler#advance}. */
    public ManualScheduler time() {
        return time.scheduler();
    }

    /** For a simulator turn's {@code pauseUntil}: a pause of {@code d} on the core's time (see {@link CoreTime#passed}). */
    public BooleanSupplier passed(Duration d) {
        return time.passed(d);
    }

    /** The core's wall clock: it moves with {@link #time()}. */
    public Clock clock() {
        return time.clock();
    }

    /** A thread no test used before. */
    public static ThreadKey newThread() {
        return new ThreadKey("test", "W1", "C1", "T" + UUID.randomUUID());
    }

    /** Ana writes {@code text} in the thread (a new event id). */
    public void say(ThreadKey thread, String text) {
        say(thread, text, UUID.randomUUID().toString());
    }

    public void say(ThreadKey thread, String text, String eventId) {
        accept(IncomingMessage.text(thread, ANA, text, eventId));
    }

    public void accept(IncomingMessage message) {
        core().conversations().accept(message, platform.thread(message.thread()));
    }

    public void click(ActionClick click) {
        core().conversations().click(click, platform.thread(click.thread()));
    }

    /** What the thread shows now, its messages joined by newlines. */
    public String shown(ThreadKey thread) {
        return platform.transcript(thread);
    }

    /** Waits until the thread shows {@code needle}. */
    public void awaitShown(ThreadKey thread, String needle) {
        await(() -> platform.transcript(thread).contains(needle),
                () -> "'" + needle + "' not shown: " + platform.transcript(thread) + "\nCALLS: " + platform.calls());
    }

    /** Waits until no thread has work running or queued (a turn's lane ends once its final text is shown). */
    public void awaitQuiet() {
        await(() -> core().service().activeThreads() == 0, () -> "still working: " + core().service().footprint());
    }

    /**
     * Waits until {@code condition} holds, moving the core's time as it looks (see {@link CoreTime#await});
     * fails after {@link #WAIT} of real time with what {@code seen} describes.
     */
    public void await(BooleanSupplier condition, Supplier<String> seen) {
        time.await(condition, seen);
    }

    private void deleteData() {
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
