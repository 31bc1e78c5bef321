package io.nemobot.store;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: one SQLite file in WAL mode with {@code synchronous=FULL}, so every
 * committed write survives a kill -9 of the process (and a power cut). The schema is versioned with
 * {@code PRAGMA user_version}; {@link #MIGRATIONS} run in order on open.
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
    private final Path file;

    private SqliteStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) {@code nemo-bot.db} in the directory and migrates its schema. */
    public static SqliteStore open(Path directory) {
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
            SqliteStore store = new SqliteStore(connection, file);
            store.migrate();
            return store;
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

    private void migrate() throws SQLException {
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
    public synchronized Optional<String> credential(String name) {
        return query("SELECT value FROM credentials WHERE name = ?", rs -> rs.getString(1), name).stream().findFirst();
    }

    @Override
    public synchronized void saveCredential(String name, String value) {
        update("INSERT INTO credentials (name, value) VALUES (?, ?)"
                + " ON CONFLICT(name) DO UPDATE SET value = excluded.value", name, value);
    }

    @Override
    public synchronized Optional<ThreadBinding> binding(ThreadKey thread) {
        return query("SELECT thread_key, session_id, task_id, bind_id, skill_id, language, updated_at"
                + " FROM threads WHERE thread_key = ?", SqliteStore::binding, thread.id()).stream().findFirst();
    }

    private static ThreadBinding binding(ResultSet rs) throws SQLException {
        return new ThreadBinding(ThreadKey.parse(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)), rs.getString(5),
                rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)));
    }

    @Override
    public synchronized void saveBinding(ThreadBinding b) {
        update("INSERT INTO threads (thread_key, session_id, task_id, bind_id, skill_id, language, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(thread_key) DO UPDATE SET session_id = excluded.session_id,"
                + " task_id = excluded.task_id, bind_id = excluded.bind_id, skill_id = excluded.skill_id,"
                + " language = excluded.language, updated_at = excluded.updated_at",
                b.thread().id(), b.sessionId().orElse(null), b.taskId().orElse(null), b.bindId().orElse(null),
                b.skillId(), b.language(), b.updatedAt().toEpochMilli());
    }

    @Override
    public synchronized void savePendingRender(PendingRender r) {
        update("INSERT INTO pending_renders (render_id, thread_key, session_id, skill_id, requester_id,"
                + " requester_name, progress_message, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT(render_id) DO UPDATE SET progress_message = excluded.progress_message",
                r.renderId(), r.thread().id(), r.sessionId(), r.skillId(), r.requesterId(), r.requesterName(),
                r.progressMessage(), r.startedAt().toEpochMilli());
    }

    @Override
    public synchronized void deletePendingRender(String renderId) {
        update("DELETE FROM pending_renders WHERE render_id = ?", renderId);
    }

    @Override
    public synchronized List<PendingRender> pendingRenders() {
        return query("SELECT render_id, thread_key, session_id, skill_id, requester_id, requester_name,"
                + " progress_message, started_at FROM pending_renders ORDER BY started_at",
                rs -> new PendingRender(rs.getString(1), ThreadKey.parse(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        Instant.ofEpochMilli(rs.getLong(8))));
    }

    @Override
    public synchronized void saveOpenTurn(OpenTurn turn) {
        update("INSERT INTO open_turns (thread_key, message, started_at) VALUES (?, ?, ?)"
                + " ON CONFLICT(thread_key) DO UPDATE SET message = excluded.message, started_at = excluded.started_at",
                turn.thread().id(), turn.message(), turn.startedAt().toEpochMilli());
    }

    @Override
    public synchronized void deleteOpenTurn(ThreadKey thread) {
        update("DELETE FROM open_turns WHERE thread_key = ?", thread.id());
    }

    @Override
    public synchronized List<OpenTurn> openTurns() {
        return query("SELECT thread_key, message, started_at FROM open_turns ORDER BY started_at",
                rs -> new OpenTurn(ThreadKey.parse(rs.getString(1)), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
    }

    @Override
    public synchronized int countTurn(String userKey, LocalDate day) {
        update("INSERT INTO daily_turns (user_key, day, turns) VALUES (?, ?, 1)"
                + " ON CONFLICT(user_key, day) DO UPDATE SET turns = turns + 1", userKey, day.toString());
        return turns(userKey, day);
    }

    @Override
    public synchronized int turns(String userKey, LocalDate day) {
        return query("SELECT turns FROM daily_turns WHERE user_key = ? AND day = ?", rs -> rs.getInt(1),
                userKey, day.toString()).stream().findFirst().orElse(0);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing the store failed", e);
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
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

    private void update(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("store write failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
