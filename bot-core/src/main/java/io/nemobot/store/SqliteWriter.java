package io.nemobot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on SQLite's writing connection, by one writer thread: callers queue their writes and
 * wait on their own future; the writer takes everything queued, runs it in one transaction (each
 * write under a savepoint, so a failing write is undone alone), syncs once, then completes each
 * future. No caller ever holds a role another waits for, so an exception anywhere fails at most the
 * writes it touched and the writer goes on serving.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);

    /** One queued write; {@link #STOP} (no work) tells the writer to finish. */
    private static final class Write {
        final SqlWork<?> work;
        final Runnable onCommit;
        final CompletableFuture<Object> done = new CompletableFuture<>();
        /** Set by whoever answers first (the writer, or a close failing what is left): counted down once. */
        final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        Object result;

        Write(SqlWork<?> work, Runnable onCommit) {
            this.work = work;
            this.onCommit = onCommit;
        }
    }

    private static final Write STOP = new Write(null, null);

    private final Connection connection;
    private final Statements statements;
    /** Held by the writer while it runs a batch (tests hold it to stand for a slow sync). */
    private final Object batchLock = new Object();
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    /** Guards {@link #closed} against a write queued behind {@link #STOP}. */
    private final Object admission = new Object();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong commits = new AtomicLong();
    private final Thread thread;
    /** How long {@link #close()} waits for the writer to drain before failing what is left. */
    private final Duration closeWait;
    private boolean closed;

    SqliteWriter(Connection connection, String threadName, Duration closeWait) {
        this.connection = connection;
        this.closeWait = closeWait;
        this.statements = Statements.cached(connection);
        this.thread = new Thread(this::serve, threadName);
        thread.setDaemon(true); // callers wait for durability; a forgotten close must not keep the JVM up
        thread.start();
    }

    /**
     * Queues the write and returns its answer once it is committed and synced. The wait cannot be
     * interrupted: a write is never abandoned half way (the interrupt is kept for the caller).
     */
    @SuppressWarnings("unchecked")
    <T> T write(SqlWork<T> work, Runnable onCommit) {
        Write w = new Write(work, onCommit);
        synchronized (admission) {
            if (closed) {
                throw new StoreException("the store is closed", null);
            }
            pending.incrementAndGet();
            queue.add(w);
        }
        try {
            return (T) w.done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException se ? se : new StoreException("store write failed", e.getCause());
        }
    }

    long commits() {
        return commits.get();
    }

    /** Writes queued or being committed (for tests). */
    int pending() {
        return pending.get();
    }

    /** Whether writes are still taken (for tests: false once {@link #close()} began). */
    boolean open() {
        synchronized (admission) {
            return !closed;
        }
    }

    /** The lock the writer holds during a batch (for tests). */
    Object batchLock() {
        return batchLock;
    }

    private void serve() {
        List<Write> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            Write first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // only the STOP in the queue ends this thread: no write is left unanswered
            }
            synchronized (batchLock) {
                batch.add(first);
                queue.drainTo(batch);
                stop = batch.remove(STOP);
                try {
                    commit(batch);
                } catch (Throwable t) {
                    LOG.error("Store writer: a batch of {} writes failed unexpectedly", batch.size(), t);
                } finally {
                    fail(batch, new StoreException("store write failed", null)); // any not yet answered
                    batch.clear();
                }
            }
        }
    }

    /** One transaction for the batch, a savepoint per write; then each write's future is completed. */
    private void commit(List<Write> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Write> applied = new ArrayList<>(batch.size());
        try {
            connection.setAutoCommit(false);
            for (Write w : batch) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    w.result = w.work.run(statements);
                    connection.releaseSavepoint(savepoint);
                    applied.add(w);
                } catch (Exception e) {
                    connection.rollback(savepoint); // undoes this write alone; the others still commit
                    answer(w, e);
                }
            }
            connection.commit();
            commits.incrementAndGet();
        } catch (Throwable t) {
            rollbackQuietly();
            batch.forEach(w -> answer(w, t)); // nothing of this batch is committed
            return;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.warn("Store writer: could not return to auto-commit", e);
            }
        }
        for (Write w : applied) {
            try {
                if (w.onCommit != null) {
                    w.onCommit.run();
                }
                answer(w, null);
            } catch (Throwable t) {
                answer(w, t); // committed, but what follows the commit failed: this caller hears of it
            }
        }
    }

    /** Counts the write as no longer pending before its caller wakes, so the caller never sees it still counted. */
    private void answer(Write w, Throwable failure) {
        if (!w.answered.compareAndSet(false, true)) {
            return;
        }
        pending.decrementAndGet();
        if (failure == null) {
            w.done.complete(w.result);
        } else {
            w.done.completeExceptionally(failure instanceof StoreException ? failure
                    : new StoreException("store write failed", failure));
        }
    }

    private void fail(List<Write> writes, StoreException failure) {
        for (Write w : writes) {
            answer(w, failure);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Store writer: rollback failed", e);
        }
    }

    /**
     * Refuses new writes, lets the writer commit everything queued before, and waits for it; writes
     * it could not finish in time are failed, so no caller is left waiting.
     */
    @Override
    public void close() {
        synchronized (admission) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + closeWait.toNanos();
        while (thread.isAlive() && System.nanoTime() < deadline) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (thread.isAlive()) {
            LOG.warn("Store writer did not finish within {} ms; failing the writes still queued", closeWait.toMillis());
            List<Write> left = new ArrayList<>();
            queue.drainTo(left);
            left.remove(STOP);
            queue.add(STOP); // the writer still ends once its batch in flight is answered
            fail(left, new StoreException("the store closed before this write was committed", null));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
