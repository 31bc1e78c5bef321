package io.nemobot.store;

import java.sql.SQLException;

/**
 * One unit of work on a database connection: what a write or a read does, handed to whoever owns
 * the connection (the SQLite writer thread, a pooled PostgreSQL connection).
 *
 * @param <T> what it answers
 */
@FunctionalInterface
interface SqlWork<T> {
    T run(Statements statements) throws SQLException;
}
