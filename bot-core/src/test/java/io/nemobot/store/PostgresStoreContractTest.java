package io.nemobot.store;

import io.nemobot.config.PostgresUrl;
import io.nemobot.testing.PostgresServer;

/** The store contract, durability included, on PostgreSQL: the JVM's one real server, a new database per test. */
class PostgresStoreContractTest extends DurableStoreContract {
    private final PostgresServer server = PostgresServer.shared();
    private PostgresUrl database;

    @Override
    protected Store open() {
        if (database == null) {
            database = server.createDatabase();
        }
        return PostgresStore.open(database);
    }
}
