package io.nemobot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs SQL on one connection. A long-lived connection (SQLite's) keeps each statement compiled once,
 * by SQL text (the texts are {@link StoreSql}'s constants, so the map stays small); a borrowed one
 * (a pool's) prepares and closes per call. Used by one thread at a time.
 */
final class Statements {
    /** Reads one row into a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final Map<String, PreparedStatement> compiled;

    private Statements(Connection connection, Map<String, PreparedStatement> compiled) {
        this.connection = connection;
        this.compiled = compiled;
    }

    /** Statements compiled once and kept for the connection's life. */
    static Statements cached(Connection connection) {
        return new Statements(connection, new HashMap<>());
    }

    /** Statements prepared per call and closed after it. */
    static Statements oneShot(Connection connection) {
        return new Statements(connection, null);
    }

    Connection connection() {
        return connection;
    }

    int update(String sql, Object... args) throws SQLException {
        PreparedStatement ps = prepare(sql, args);
        try {
            return ps.executeUpdate();
        } finally {
            release(ps);
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
        PreparedStatement ps = prepare(sql, args);
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } finally {
            release(ps);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = compiled == null ? null : compiled.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            if (compiled != null) {
                compiled.put(sql, ps);
            }
        } else {
            ps.clearParameters();
        }
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private void release(PreparedStatement ps) throws SQLException {
        if (compiled == null) {
            ps.close();
        }
    }
}
