package io.nemobot.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.ThreadKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so every
 * committed write survives a kill -9 of the process (and a power cut). The schema is versioned with
 * {@code PRAGMA user_version}; {@link #MIGRATIONS} run in order on open.
 *
 * <p>Writes are committed in groups: a write returns once it is committed, but writes that come
 * while a commit is on its way to the disk go together in the next one (one sync for all of them,
 * not one each). Reads use a second connection, so they never wait for a commit's sync (WAL lets a
 * reader see every committed write while the writer works). Thread bindings, read on every message,
 * are kept in memory once read or written, until the thread has been quiet for an hour.
 */
public final class SqliteStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    /** Migration {@code i} takes the schema from version {@code i} to {@code i + 1}. */
    private static final String[][] MIGRATIONS = {
        {
            "CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE threads (thread_key TEXT PRIMARY KEY, session_id TEXT, task_id TEXT, bind_id TEXT,"
                    + " skill_id TEXT NOT NULL, language TEXT NOT NULL, updated_at INTEGER NOT NULL)",
            "CREATE TABLE pending_renders (render_id TEXT PRIMARY KEY, thread_key TEXT NOT NULL,"
                    + " session_id TEXT NOT NULL, skill_id TEXT NOT NULL, requester_id TEXT NOT NULL,"
                    + " requester_name TEXT, progress_message TEXT, started_at INTEGER NOT NULL)",
            "CREATE TABLE open_turns (thread_key TEXT PRIMARY KEY, message TEXT, started_at INTEGER NOT NULL)",
            "CREATE TABLE daily_turns (user_key TEXT NOT NULL, day TEXT NOT NULL, turns INTEGER NOT NULL,"
                    + " PRIMARY KEY (user_key, day))",
        },
    };

    private final Connection connection;
    private final Connection reader;
    private final Path file;
    /** Guards the writing connection: one commit at a time. */
    private final Object writeLock = new Object();
    /** Guards the reading connection. */
    private final Object readLock = new Object();
    /** Compiled statements of each connection, by SQL text (guarded by that connection's lock). */
    private final Map<String, PreparedStatement> readStatements = new HashMap<>();
    private final Map<String, PreparedStatement> writeStatements = new HashMap<>();
    private long commits;
    /** Writes waiting for the next commit. */
    private final ArrayDeque<Write> writes = new ArrayDeque<>();
    /**
     * Bindings read or written within the last {@link #BINDING_KEPT}, by thread key (an empty value: no
     * binding); the file is the truth. A thread quiet for longer is read from the file once when it
     * speaks again, so memory holds the threads in use, not every thread ever seen.
     */
    private final Cache<String, Optional<ThreadBinding>> bindings;

    /** Whether a writer is committing (it takes the queue's writes; the others wait for theirs). */
    private boolean committing;
    /** Writes queued or being committed (for tests). */
    private int pending;

    /**
     * One write in the queue: its statement, then, once committed, done (with the error if it failed).
     * Its writer waits on it alone until it is done or it is this writer's turn to commit.
     */
    private static final class Write {
        final String sql;
        final Object[] args;
        final Runnable onCommit;
        boolean done;
        boolean leads;
        StoreException error;

        Write(String sql, Object[] args, Runnable onCommit) {
            this.sql = sql;
            this.args = args;
            this.onCommit = onCommit;
        }

        synchronized void awaitDoneOrTurn() {
            boolean interrupted = false;
            while (!done && !leads) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a write is never abandoned half way: it is committed or failed
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void finish(StoreException failure) {
            if (error == null) {
                error = failure;
            }
            done = true;
            notifyAll();
        }

        synchronized void lead() {
            leads = true;
            notifyAll();
        }
    }

    /** How long a thread's binding stays in memory after it was last read or written. */
    static final java.time.Duration BINDING_KEPT = java.time.Duration.ofHours(1);

    private SqliteStore(Connection connection, Connection reader, Path file, LongSupplier nanos) {
        this.connection = connection;
        this.reader = reader;
        this.file = file;
        this.bindings = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(BINDING_KEPT)
                .ticker(nanos::getAsLong)
                .executor(Runnable::run) // upkeep on the caller: no pool thread woken per write
                .build();
    }

    /** Opens (creating if needed) {@code nemo-bot.db} in the directory and migrates its schema. */
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
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            migrate(connection, file);
            Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA query_only=1");
            }
            return new SqliteStore(connection, reader, file, nanos);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file, e);
        }
    }

    public static int schemaVersion() {
        return MIGRATIONS.length;
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
        synchronized (writeLock) {
            return commits;
        }
    }

    /** Writes queued or being committed now (for tests). */
    int pendingWrites() {
        synchronized (writes) {
            return pending;
        }
    }

    /** Holds the connection (for tests: writes then queue up behind it). */
    Object connectionLock() {
        return writeLock;
    }

    private static void migrate(Connection connection, Path file) throws SQLException {
        int version;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.next() ? rs.getInt(1) : 0;
        }
        if (version > MIGRATIONS.length) {
            throw new StoreException("the store at " + file + " has schema version " + version
                    + ", newer than this bot knows (" + MIGRATIONS.length + "); upgrade the bot", null);
        }
        for (int v = version; v < MIGRATIONS.length; v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                for (String sql : MIGRATIONS[v]) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version=" + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            LOG.info("Store schema migrated to version {}", v + 1);
        }
    }

    @Override
    public Optional<String> credential(String name) {
        return query("SELECT value FROM credentials WHERE name = ?", rs -> rs.getString(1), name).stream().findFirst();
    }

    @Override
    public void saveCredential(String name, String value) {
        write("INSERT INTO credentials (name, value) VALUES (?, ?)"
                + " ON CONFLICT(name) DO UPDATE SET value = excluded.value", name, value);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        // Read at most once per thread while cached. A binding committed during the read replaces
        // what it read: the cache's put waits for the read's entry to be in, then overwrites it.
        return bindings.get(thread.id(), key -> query("SELECT thread_key, session_id, task_id, bind_id, skill_id,"
                + " language, updated_at FROM threads WHERE thread_key = ?", SqliteStore::binding, key).stream().findFirst());
    }

    private static ThreadBinding binding(ResultSet rs) throws SQLException {
        return new ThreadBinding(ThreadKey.parse(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    @Override
    public void saveBinding(ThreadBinding b) {
        writeThen(() -> bindings.put(b.thread().id(), Optional.of(b)), "INSERT INTO threads (thread_key, session_id, task_id, bind_id, skill_id, language, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(thread_key) DO UPDATE SET session_id = excluded.session_id,"
                + " task_id = excluded.task_id, bind_id = excluded.bind_id, skill_id = excluded.skill_id,"
                + " language = excluded.language, updated_at = excluded.updated_at",
                b.thread().id(), b.sessionId().orElse(null), b.taskId().orElse(null), b.bindId().orElse(null),
                b.skillId(), b.language(), b.updatedAt().toEpochMilli());
    }

    @Override
    public void savePendingRender(PendingRender r) {
        write("INSERT INTO pending_renders (render_id, thread_key, session_id, skill_id, requester_id,"
                + " requester_name, progress_message, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(render_id) DO UPDATE SET progress_message = excluded.progress_message",
                r.renderId(), r.thread().id(), r.sessionId(), r.skillId(), r.requesterId(), r.requesterName(),
                r.progressMessage(), r.startedAt().toEpochMilli());
    }

    @Override
    public void deletePendingRender(String renderId) {
        write("DELETE FROM pending_renders WHERE render_id = ?", renderId);
    }

    @Override
    public List<PendingRender> pendingRenders() {
        return query("SELECT render_id, thread_key, session_id, skill_id, requester_id, requester_name,"
                + " progress_message, started_at FROM pending_renders ORDER BY started_at",
                rs -> new PendingRender(rs.getString(1), ThreadKey.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))));
    }

    @Override
    public void saveOpenTurn(OpenTurn turn) {
        write("INSERT INTO open_turns (thread_key, message, started_at) VALUES (?, ?, ?)"
                + " ON CONFLICT(thread_key) DO UPDATE SET message = excluded.message, started_at = excluded.started_at",
                turn.thread().id(), turn.message(), turn.startedAt().toEpochMilli());
    }

    @Override
    public void deleteOpenTurn(ThreadKey thread) {
        write("DELETE FROM open_turns WHERE thread_key = ?", thread.id());
    }

    @Override
    public List<OpenTurn> openTurns() {
        return query("SELECT thread_key, message, started_at FROM open_turns ORDER BY started_at",
                rs -> new OpenTurn(ThreadKey.parse(rs.getString(1)), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
    }

    @Override
    public int countTurn(String userKey, LocalDate day) {
        write("INSERT INTO daily_turns (user_key, day, turns) VALUES (?, ?, 1)"
                + " ON CONFLICT(user_key, day) DO UPDATE SET turns = turns + 1", userKey, day.toString());
        return turns(userKey, day);
    }

    @Override
    public int turns(String userKey, LocalDate day) {
        return query("SELECT turns FROM daily_turns WHERE user_key = ? AND day = ?", rs -> rs.getInt(1),
                userKey, day.toString()).stream().findFirst().orElse(0);
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            synchronized (readLock) {
                try {
                    reader.close();
                    connection.close();
                } catch (SQLException e) {
                    LOG.warn("Closing the store failed", e);
                }
            }
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        synchronized (readLock) {
            return queryLocked(sql, row, args);
        }
    }

    private <T> List<T> queryLocked(String sql, Row<T> row, Object... args) {
        try {
            PreparedStatement ps = prepared(readStatements, reader, sql);
            ps.clearParameters();
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("store read failed", e);
        }
    }

    private void write(String sql, Object... args) {
        writeThen(null, sql, args);
    }

    /**
     * Queues the write and returns once it is committed. One writer at a time commits everything
     * queued by then in one transaction (group commit), then hands the turn to the first writer
     * queued meanwhile; every other writer waits on its own write, not on a shared lock (a thousand
     * threads queued on one lock would each need the CPU in turn just to pass it on).
     * {@code onCommit} runs after the write's commit, before this returns.
     */
    private void writeThen(Runnable onCommit, String sql, Object... args) {
        Write w = new Write(sql, args, onCommit);
        synchronized (writes) {
            writes.add(w);
            pending++;
            if (!committing) {
                committing = true;
                w.leads = true;
            }
        }
        w.awaitDoneOrTurn();
        if (!w.done) {
            List<Write> batch;
            synchronized (writes) {
                batch = new ArrayList<>(writes);
                writes.clear();
            }
            synchronized (writeLock) {
                commit(batch);
            }
            Write next;
            synchronized (writes) {
                pending -= batch.size();
                next = writes.peekFirst();
                committing = next != null;
            }
            if (next != null) {
                next.lead();
            }
        }
        if (w.error != null) {
            throw w.error;
        }
    }

    /** Under the connection's lock: one transaction for the batch; each write is then finished. */
    private void commit(List<Write> batch) {
        StoreException failed = null;
        try {
            connection.setAutoCommit(false);
            for (Write w : batch) {
                try {
                    PreparedStatement ps = prepared(writeStatements, connection, w.sql);
                    ps.clearParameters();
                    bind(ps, w.args);
                    ps.executeUpdate();
                } catch (SQLException e) {
                    w.error = new StoreException("store write failed", e); // the others still commit
                }
            }
            connection.commit();
            commits++;
        } catch (SQLException e) {
            failed = new StoreException("store write failed", e);
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the commit's failure is what is reported
            }
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.warn("Store: could not return to auto-commit", e);
            }
        }
        for (Write w : batch) {
            if (failed == null && w.error == null && w.onCommit != null) {
                w.onCommit.run();
            }
            w.finish(failed);
        }
    }

    /**
     * The connection's statement for {@code sql}, compiled once (the SQL texts are this class's
     * constants). Used only under that connection's lock.
     */
    private static PreparedStatement prepared(Map<String, PreparedStatement> cache, Connection c, String sql)
            throws SQLException {
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            cache.put(sql, ps);
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
