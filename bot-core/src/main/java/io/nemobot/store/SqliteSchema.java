package io.nemobot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite store's schema, versioned with {@code PRAGMA user_version}: {@link #MIGRATIONS} run in
 * order on open, and a file from a newer bot is refused rather than misread.
 */
final class SqliteSchema {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteSchema.class);
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

    private SqliteSchema() {
    }

    static int version() {
        return MIGRATIONS.length;
    }

    static void migrate(Connection connection, Path file) throws SQLException {
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
}
