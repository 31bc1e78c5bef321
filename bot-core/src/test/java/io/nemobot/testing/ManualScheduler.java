package io.nemobot.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A scheduler over a hand-moved nano clock: tasks run only when the test moves time past their due
 * time, in due order, on the test's own thread. Nothing sleeps, so a minute of pacing takes
 * microseconds and every run is the same. A periodic task runs once per period that time passes
 * (fixed rate and fixed delay are the same here: a task takes no time); plain {@link #execute} runs
 * at the next {@link #runDue()}.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>();
    private long now;
    private long sequence;
    private boolean shutdown;

    public ManualScheduler() {
        this(1_000_000_000L);
    }

    /** A scheduler whose clock starts at {@code startNanos} (another one's time, to go on where it stopped). */
    public ManualScheduler(long startNanos) {
        this.now = startNanos;
    }

    /** The clock to hand to the code under test, as {@code System.nanoTime()} would be. */
    public LongSupplier clock() {
        return this::nanoTime;
    }

    public synchronized long nanoTime() {
        return now;
    }

    /** Moves time forward by {@code d}, running every task that falls due on the way at its due time. */
    public void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due - target > 0) {
                    now = target;
                    return;
                }
                tasks.poll();
                if (next.due - now > 0) {
                    now = next.due;
                }
            }
            next.run();
        }
    }

    /** Runs whatever is due now (including what those tasks schedule for now). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time in steps of {@code step} until {@code done} holds or {@code limit} has passed; returns whether it holds. */
    public boolean advanceUntil(java.util.function.BooleanSupplier done, Duration step, Duration limit) {
        long end = nanoTime() + limit.toNanos();
        runDue();
        while (!done.getAsBoolean()) {
            if (nanoTime() - end >= 0) {
                return false;
            }
            advance(step);
        }
        return true;
    }

    /** Tasks waiting (not cancelled). */
    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(asCallable(command), delay, unit, 0);
    }

    private static Callable<Object> asCallable(Runnable command) {
        return () -> {
            command.run();
            return null;
        };
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay, unit, 0);
    }

    private <V> Task<V> add(Callable<V> callable, long delay, TimeUnit unit, long periodNanos) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task<V> task = new Task<>(callable, now + Math.max(0, unit.toNanos(delay)), sequence++, periodNanos);
        tasks.add(task);
        return task;
    }

    /** A periodic task that ran: due again one period later, unless cancelled or shut down meanwhile. */
    private synchronized void again(Task<?> task) {
        if (!task.cancelled && !shutdown) {
            task.due += task.period;
            task.seq = sequence++;
            tasks.add(task);
        }
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
            TimeUnit unit) {
        return add(asCallable(command), initialDelay, unit, positive(unit.toNanos(period)));
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        return add(asCallable(command), initialDelay, unit, positive(unit.toNanos(delay)));
    }

    private static long positive(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("a period must be positive: " + nanos + " ns");
        }
        return nanos;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(tasks);
        tasks.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> callable;
        /** Period in nanoseconds, 0 for a task that runs once. */
        private final long period;
        private long due;
        private long seq;
        private volatile boolean cancelled;
        private volatile boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> callable, long due, long seq, long period) {
            this.callable = callable;
            this.due = due;
            this.seq = seq;
            this.period = period;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            try {
                result = callable.call();
            } catch (Throwable t) {
                failure = t;
            }
            if (period > 0 && failure == null) {
                again(this); // a periodic task is never done, only cancelled (or stopped by a failure)
            } else {
                done = true;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof RuntimeException e) {
                throw e; // a task failing in a test is a test failure, not a silent log line
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int byDue = Long.compare(due - other.due, 0);
            return byDue != 0 ? byDue : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            synchronized (ManualScheduler.this) {
                tasks.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (!isDone()) {
                throw new IllegalStateException("not run yet: advance the manual scheduler first");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            if (!isDone()) {
                throw new TimeoutException("not run yet: advance the manual scheduler first");
            }
            return get();
        }
    }
}
