package io.nemobot.testing;

import io.nemobot.core.BotCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One time for several cores that share a database (a fleet of "processes" in one JVM): each core has
 * its own {@link ManualScheduler}, and one mover thread moves them all together, {@link #STEP} at a
 * time, running each scheduler's due tasks in due order before any clock passes them. The cores'
 * wall clock (the fleet's leases and expiries are dated by it) never runs ahead of a task that is due:
 * a live process's lease renewal always runs before the time at which its lease would expire, however
 * loaded the machine is, so a lease lapses only when its holder stopped renewing (was closed). Unlike
 * {@link CoreTime}, time moves on its own (about {@code STEP} per real millisecond), so tests wait on
 * plain conditions ({@link Await}).
 */
public final class FleetTime implements AutoCloseable {
    /** How far every core's time moves at each step of the mover. */
    public static final Duration STEP = Duration.ofMillis(5);
    private static final Instant EPOCH = Instant.parse("2026-03-02T09:00:00Z");

    private final List<ManualScheduler> schedulers = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread mover;
    private volatile long now = 1_000_000_000L;
    private volatile boolean stopped;

    public FleetTime() {
        mover = new Thread(this::move, "fleet-time");
        mover.setDaemon(true);
        mover.start();
    }

    /** Puts a core being built on the fleet's time: its clock, ticker, scheduler and the backend client's pauses. */
    public BotCore.Builder drive(BotCore.Builder builder) {
        ManualScheduler scheduler;
        synchronized (this) { // a new scheduler starts where the others are
            scheduler = new ManualScheduler(now);
            schedulers.add(scheduler);
        }
        return builder.clock(clock()).ticker(scheduler.clock()).scheduler(scheduler)
                .sleeper(d -> sleep(scheduler, d));
    }

    /** The cores' wall clock. */
    public Clock clock() {
        return new UtcClock() {
            @Override
            public Instant instant() {
                return EPOCH.plusNanos(now);
            }
        };
    }

    private void move() {
        while (!stopped) {
            synchronized (this) {
                for (ManualScheduler s : schedulers) {
                    if (s.isShutdown() && s.pending() == 0) {
                        schedulers.remove(s);
                        continue;
                    }
                    try {
                        s.advance(STEP);
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e); // reported at close: a task failing is a test failure
                    }
                }
                now += STEP.toNanos(); // only once every scheduler's due tasks ran
            }
            try {
                Thread.sleep(1); // the cores' threads, the backend and the database work meanwhile
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The backend client's and the thread gate's pauses, on the fleet's time. */
    private static void sleep(ManualScheduler scheduler, Duration d) throws InterruptedException {
        CountDownLatch over = new CountDownLatch(1);
        try {
            scheduler.schedule(over::countDown, d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            throw new InterruptedException("the core stopped");
        }
        over.await(); // a stopping core interrupts its workers
    }

    /** Stops the mover; fails if a core's timed task threw meanwhile. */
    @Override
    public void close() {
        stopped = true;
        mover.interrupt();
        try {
            mover.join(TimeUnit.SECONDS.toMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable first = failure.get();
        if (first != null) {
            throw new AssertionError("a core's timed task failed", first);
        }
    }
}
