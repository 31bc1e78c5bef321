package io.nemobot.testing;

import io.nemobot.core.BotCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A core's time in a test that runs the whole bot (simulator, platform fakes, real HTTP on loopback):
 * a {@link ManualScheduler} for its waits (pacing, progress ticks, render polls, recovery reads,
 * rate-limit pauses, the stream watchdog) and a wall clock that moves with it. Time moves only while
 * the test waits in {@link #await}, so a window the core keeps open stays open between the test's
 * steps however loaded the machine is, and a minute of pacing takes a fraction of a second. The
 * backend and the platform fakes still answer on real threads meanwhile. Shared by {@link CoreFixture}
 * and the adapters' end-to-end tests.
 */
public final class CoreTime {
    /** The longest real wait for anything; a test that needs it has failed. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * How far the core's time moves each time a waiting test looks again (about a millisecond apart):
     * well below the test settings' intervals, and far below every time-out the core measures on it.
     */
    public static final Duration STEP = Duration.ofMillis(5);
    private static final Instant EPOCH = Instant.parse("2026-03-02T09:00:00Z");

    /** Read by the core's threads (its clock, its pauses) while a restart replaces it. */
    private volatile ManualScheduler scheduler = new ManualScheduler();
    private final Clock wallClock = new CoreClock();

    /**
     * Puts a core being built on this time: its clock, ticker, scheduler and the backend client's
     * pauses. Each call starts a new scheduler (a stopped core shuts its own down) whose time goes on
     * from where the last one's stopped, as after a restart.
     */
    public BotCore.Builder drive(BotCore.Builder builder) {
        scheduler = new ManualScheduler(scheduler.nanoTime());
        return builder.clock(wallClock).ticker(scheduler.clock()).scheduler(scheduler).sleeper(this::sleep);
    }

    /** The scheduler of the core last {@link #drive}n: move it by hand with {@link ManualScheduler#advance}. */
    public ManualScheduler scheduler() {
        return scheduler;
    }

    /** The core's wall clock (for the platform fakes and adapters too): it moves with {@link #scheduler()}. */
    public Clock clock() {
        return wallClock;
    }

    /** How long the cores have been up, by their own clock. */
    public Duration elapsed() {
        return Duration.ofNanos(scheduler.nanoTime());
    }

    /**
     * For a simulator turn's {@code pauseUntil}: true once the core's time has moved {@code d} past the
     * first time it is asked (when the turn reaches the pause), so the backend pauses on the core's time.
     */
    public BooleanSupplier passed(Duration d) {
        long[] start = {Long.MIN_VALUE};
        return () -> {
            long now = scheduler.nanoTime();
            synchronized (start) {
                if (start[0] == Long.MIN_VALUE) {
                    start[0] = now;
                }
                return now - start[0] >= d.toNanos();
            }
        };
    }

    /**
     * Waits until {@code condition} holds, moving the core's time by {@link #STEP} each time it looks
     * (the core's timers fire on this thread, in due order); fails after {@link #WAIT} of real time
     * with what {@code seen} describes.
     */
    public void await(BooleanSupplier condition, Supplier<String> seen) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            scheduler.runDue();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + " (core time " + elapsed() + "); seen: " + seen.get());
            }
            scheduler.advance(STEP);
            try {
                Thread.sleep(1); // the backend and the platform calls run on real threads meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits until {@code probe} finds something and returns it; fails with what {@code seen} describes otherwise. */
    public <T> T await(Supplier<Optional<T>> probe, Supplier<String> seen) {
        Object[] found = new Object[1];
        await(() -> probe.get().map(v -> found[0] = v).isPresent(), seen);
        @SuppressWarnings("unchecked")
        T value = (T) found[0];
        return value;
    }

    /** The backend client's rate-limit pause, on the core's time: it ends when a waiting test moves time past it. */
    private void sleep(Duration d) throws InterruptedException {
        CountDownLatch over = new CountDownLatch(1);
        try {
            scheduler.schedule(over::countDown, d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new InterruptedException("the core stopped");
        }
        over.await(); // a stopping core interrupts its workers
    }

    /** The core's wall clock: a fixed epoch plus the manual time, across restarts. */
    private final class CoreClock extends UtcClock {
        @Override
        public Instant instant() {
            return EPOCH.plusNanos(scheduler.nanoTime());
        }
    }
}
