package io.nemobot.app;

import io.nemobot.testing.ManualScheduler;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A timer on a test's manual time whose tasks run on a real thread of their own: tasks fall due when
 * the test moves the {@link ManualScheduler}, and are then handed to a worker, so a task that blocks
 * (a credits poll waiting out a retry pause on that same manual time) never blocks the test's thread,
 * which is the one that moves time.
 */
final class HandOffTimer extends AbstractExecutorService implements ScheduledExecutorService {
    private final ManualScheduler time;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hand-off-timer");
        t.setDaemon(true);
        return t;
    });

    HandOffTimer(ManualScheduler time) {
        this.time = time;
    }

    private Runnable handOff(Runnable command) {
        return () -> {
            try {
                worker.execute(command);
            } catch (RejectedExecutionException stopped) {
                // shut down: a task falling due afterwards is dropped, as a stopped executor's would be
            }
        };
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return time.schedule(handOff(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        FutureTask<V> task = new FutureTask<>(callable);
        ScheduledFuture<?> due = time.schedule(handOff(task), delay, unit);
        return new ScheduledFuture<>() {
            @Override
            public long getDelay(TimeUnit u) {
                return due.getDelay(u);
            }

            @Override
            public int compareTo(Delayed other) {
                return due.compareTo(other);
            }

            @Override
            public boolean cancel(boolean mayInterrupt) {
                due.cancel(false);
                return task.cancel(mayInterrupt);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }

            @Override
            public V get() throws InterruptedException, ExecutionException {
                return task.get();
            }

            @Override
            public V get(long timeout, TimeUnit u) throws InterruptedException, ExecutionException, TimeoutException {
                return task.get(timeout, u);
            }
        };
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return time.scheduleAtFixedRate(handOff(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return time.scheduleWithFixedDelay(handOff(command), initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        worker.execute(command);
    }

    @Override
    public void shutdown() {
        worker.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return worker.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return worker.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return worker.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return worker.awaitTermination(timeout, unit);
    }
}
