package io.nemobot.store;

import io.nemobot.config.PostgresUrl;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store ({@code NEMO_DATABASE_URL}): PostgreSQL through a HikariCP pool, for more than one
 * bot process or a managed database. Each write is its own transaction, committed before the method
 * returns (PostgreSQL's own group commit batches the syncs of concurrent writers); reads take any
 * pooled connection. When the server goes away, calls fail with a {@link StoreException} after
 * {@code timeout} instead of hanging; the pool replaces its dead connections and the store serves
 * again as soon as the server is back, with no restart.
 */
public final class PostgresStore extends SqlStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresStore.class);
    /** How long a call waits for a connection (also the connect timeout) before it fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int POOL_SIZE = 10;
    /**
     * How long, in all, a call waits for a connection while every one is merely busy with this process's
     * other calls (a burst of turns starting at once; the database answers): a burst must not fail a
     * user's turn. A database that does not answer still fails a call after the connect timeout.
     */
    static final Duration BUSY_WAIT = Duration.ofSeconds(60);

    private final HikariDataSource pool;
    private final PostgresUrl url;
    /** Calls that found every connection busy and waited on past the connect timeout (for tests and logs). */
    private final AtomicLong busyWaits = new AtomicLong();
    /** When the log last said so: one line a minute at most. */
    private final AtomicLong lastToldBusy = new AtomicLong(System.nanoTime());
    private static final long TELL_BUSY_EVERY = Duration.ofMinutes(1).toNanos();

    private PostgresStore(HikariDataSource pool, PostgresUrl url) {
        this.pool = pool;
        this.url = url;
    }

    public static PostgresStore open(PostgresUrl url) {
        return open(url, DEFAULT_TIMEOUT);
    }

    /**
     * Connects, migrates the schema ({@link Migrations}) and returns the store; a server that cannot be
     * reached fails here with a {@link StoreException} naming it and the reason (never the password).
     */
    public static PostgresStore open(PostgresUrl url, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("nemo-store");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(timeout.toMillis(), 5_000)));
        long seconds = Math.max(1, timeout.toSeconds());
        config.addDataSourceProperty("connectTimeout", seconds);
        config.addDataSourceProperty("loginTimeout", seconds);
        // A server that vanishes without closing the socket: a query gives up instead of hanging.
        config.addDataSourceProperty("socketTimeout", Math.max(30, seconds));
        config.addDataSourceProperty("tcpKeepAlive", true);
        config.addDataSourceProperty("ApplicationName", "nemo-bot");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot reach PostgreSQL at " + url.server() + ": " + reason(e), e);
        }
        try {
            Migrations.apply(pool, "postgresql", url.server(), false);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.info("Store: PostgreSQL at {}", url.server());
        return new PostgresStore(pool, url);
    }

    public PostgresUrl url() {
        return url;
    }

    @Override
    <T> T read(SqlWork<T> work) {
        try (Connection c = connection()) {
            return work.run(Statements.oneShot(c));
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + reason(e), e);
        }
    }

    @Override
    <T> T write(SqlWork<T> work, Runnable onCommit) {
        T result;
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(Statements.oneShot(c));
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store write failed: " + reason(e), e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("store write failed", e);
        }
        if (onCommit != null) {
            try {
                onCommit.run();
            } catch (RuntimeException e) {
                throw new StoreException("store write committed, what follows it failed", e);
            }
        }
        return result;
    }

    /**
     * Holds a PostgreSQL advisory lock on the name (in a transaction of its own, so the lock ends with it,
     * also when the process dies) while the work runs; what the work writes commits on other connections
     * before the lock is given back, so the next holder reads it.
     */
    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, name);
                lock.execute();
                return work.get();
            } finally {
                rollbackQuietly(c); // ends the transaction: the lock goes with it
            }
        } catch (SQLException e) {
            throw new StoreException("store lock failed: " + reason(e), e);
        }
    }

    /**
     * A pooled connection. When none frees within the connect timeout, the call waits on (up to
     * {@link #BUSY_WAIT} in all) as long as the pool is full and every connection is in use: a burst, not
     * an outage (a lost server's connections are dropped from the pool, so it is no longer full).
     */
    private Connection connection() throws SQLException {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (!allBusy() || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                long now = System.nanoTime();
                long last = lastToldBusy.get();
                if (busyWaits.getAndIncrement() == 0 || now - last > TELL_BUSY_EVERY && lastToldBusy.compareAndSet(last, now)) {
                    LOG.info("Store: all {} connections are busy (a burst); calls wait for one, at most {} in all", POOL_SIZE, BUSY_WAIT);
                }
            }
        }
    }

    private boolean allBusy() {
        HikariPoolMXBean state = pool.getHikariPoolMXBean();
        return state != null && state.getTotalConnections() >= POOL_SIZE && state.getIdleConnections() == 0;
    }

    /** How many times a call found every connection busy past the connect timeout and waited on. */
    long busyWaits() {
        return busyWaits.get();
    }

    /** Closes the pool; later calls fail with a {@link StoreException}. */
    @Override
    public void close() {
        pool.close();
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Store: rollback failed ({})", e.getMessage());
        }
    }

    /** The innermost message: "Connection refused", "password authentication failed for user ...". */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
