package io.nemobot.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.ThreadKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so every
 * committed write survives a kill -9 of the process (and a power cut).
 *
 * <p>Writes go through one writer thread ({@link SqliteWriter}) that commits everything queued in one
 * transaction with one sync (group commit); each writer returns once its own write is durable. Reads
 * use a second connection, so they never wait for a commit's sync (WAL lets a reader see every
 * committed write while the writer works). Thread bindings, read on every message, are kept in
 * memory once read or written, until the thread has been quiet for an hour.
 */
public final class SqliteStore extends SqlStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    /** How long closing waits for the writes queued before it (a batch takes milliseconds; a busy disk, seconds). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Connection writing;
    private final Connection reading;
    private final Statements readStatements;
    private final SqliteWriter writer;
    private final Path file;
    /**
     * Bindings read or written within the last {@link #BINDING_KEPT}, by thread key (an empty value: no
     * binding); the file is the truth. A thread quiet for longer is read from the file once when it
     * speaks again, so memory holds the threads in use, not every thread ever seen.
     */
    private final Cache<String, Optional<ThreadBinding>> bindings;

    /** How long a thread's binding stays in memory after it was last read or written. */
    static final Duration BINDING_KEPT = Duration.ofHours(1);

    private SqliteStore(Connection writing, Connection reading, Path file, LongSupplier nanos) {
        this.bindings = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(BINDING_KEPT)
                .ticker(nanos::getAsLong)
                .executor(Runnable::run) // upkeep on the caller: no pool thread woken per write
                .build();
        this.writing = writing;
        this.reading = reading;
        this.readStatements = Statements.cached(reading);
        this.file = file;
        this.writer = new SqliteWriter(writing, "nemo-store-writer", CLOSE_WAIT);
    }

    /**
     * Opens (creating if needed) {@code nemo-bot.db} in the directory and migrates its schema
     * ({@link Migrations}; a file made before Flyway is taken as version 1).
     */
    public static SqliteStore open(Path directory) {
        return open(directory, System::nanoTime);
    }

    /** As {@link #open(Path)}; {@code nanos} ({@code nanoTime} values) ages the bindings kept in memory. */
    public static SqliteStore open(Path directory, LongSupplier nanos) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + directory, e);
        }
        Path file = directory.resolve("nemo-bot.db");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteDataSource migrating = new SQLiteDataSource();
        migrating.setUrl(url);
        boolean earlier = Files.isRegularFile(file); // a file made before migrations is baselined, a new one migrated
        Migrations.apply(migrating, "sqlite", file.toString(), earlier);
        Connection writing = null;
        try {
            writing = DriverManager.getConnection(url);
            try (Statement s = writing.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Connection reading = DriverManager.getConnection(url);
            try (Statement s = reading.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA query_only=1");
            }
            return new SqliteStore(writing, reading, file, nanos);
        } catch (SQLException e) {
            closeQuietly(writing);
            throw new StoreException("cannot open " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** Thread bindings held in memory now (for tests and reports). */
    public long cachedBindings() {
        bindings.cleanUp();
        return bindings.estimatedSize();
    }

    /** Transactions committed since opening (for tests and reports). */
    public long commits() {
        return writer.commits();
    }

    /** Writes queued or being committed now (for tests). */
    int pendingWrites() {
        return writer.pending();
    }

    /** Whether writes are still taken (for tests). */
    boolean acceptsWrites() {
        return writer.open();
    }

    /** Held by the writer while it commits (for tests: writes then queue up behind it). */
    Object connectionLock() {
        return writer.batchLock();
    }

    @Override
    <T> T read(SqlWork<T> work) {
        synchronized (readStatements) {
            try {
                return work.run(readStatements);
            } catch (SQLException e) {
                throw new StoreException("store read failed", e);
            }
        }
    }

    @Override
    <T> T write(SqlWork<T> work, Runnable onCommit) {
        return writer.write(work, onCommit);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        // Read at most once per thread while cached. A binding committed during the read replaces
        // what it read: the cache's put waits for the read's entry to be in, then overwrites it.
        return bindings.get(thread.id(), key -> super.binding(thread));
    }

    @Override
    public void saveBinding(ThreadBinding b) {
        // The cache follows the commit order: the writer runs this after the commit, before the next batch.
        writeThen(() -> bindings.put(b.thread().id(), Optional.of(b)), StoreSql.SAVE_BINDING, StoreSql.bindingArgs(b));
    }

    /** Commits what is queued, then closes both connections; later calls fail with a {@link StoreException}. */
    @Override
    public void close() {
        writer.close();
        synchronized (readStatements) {
            closeQuietly(reading);
            closeQuietly(writing);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("Closing the store failed", e);
        }
    }
}
