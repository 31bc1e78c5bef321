package io.nemobot.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the bot can serve: every named check met and not draining. Checks run in parallel on their
 * own daemon threads with one deadline, so a store that hangs makes {@code /readyz} answer 503 in time
 * rather than hang the probe; a check still running from an earlier call is awaited, not started
 * again, so a hung check holds one thread, not one per probe. Changes of verdict are logged.
 */
public final class Readiness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private final Duration timeout;
    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private final Map<String, Future<Optional<String>>> running = new LinkedHashMap<>();
    private final ExecutorService threads;
    private volatile boolean draining;
    private Verdict last;

    /** @param timeout how long one {@link #check()} waits for all checks */
    public Readiness(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "nemo-readiness-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds a check under a name that prefixes its problems (e.g. {@code store}, {@code discord}). */
    public synchronized Readiness add(String name, ReadinessCheck check) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        if (check == null) {
            throw new IllegalArgumentException("check is null");
        }
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("a check named " + name + " exists already");
        }
        return this;
    }

    /** From now on not ready (shutting down), whatever the checks say. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Runs every check (at most {@code timeout} in all) and returns the problems, in the order the checks were added. */
    public Verdict check() {
        Map<String, Future<Optional<String>>> futures = start();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> problems = new ArrayList<>();
        if (draining) {
            problems.add("draining: shutting down");
        }
        futures.forEach((name, future) -> outcome(future, deadline).ifPresent(p -> problems.add(name + ": " + p)));
        Verdict verdict = new Verdict(problems);
        logChange(verdict);
        return verdict;
    }

    private synchronized Map<String, Future<Optional<String>>> start() {
        Map<String, Future<Optional<String>>> futures = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            Future<Optional<String>> previous = running.get(name);
            Future<Optional<String>> future;
            try {
                future = previous != null && !previous.isDone() ? previous : threads.submit(check::problem);
            } catch (RejectedExecutionException e) {
                future = CompletableFuture.completedFuture(Optional.of("shutting down"));
            }
            running.put(name, future);
            futures.put(name, future);
        });
        return futures;
    }

    private Optional<String> outcome(Future<Optional<String>> future, long deadline) {
        try {
            Optional<String> problem = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return problem == null ? Optional.empty() : problem;
        } catch (TimeoutException e) {
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            // The exception's class only: messages of third-party code may carry what must not be shown.
            return Optional.of("failed (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private synchronized void logChange(Verdict verdict) {
        if (last != null && last.equals(verdict)) {
            return;
        }
        if (verdict.ready()) {
            LOG.info("Ready");
        } else {
            LOG.warn("Not ready: {}", String.join("; ", verdict.problems()));
        }
        last = verdict;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
