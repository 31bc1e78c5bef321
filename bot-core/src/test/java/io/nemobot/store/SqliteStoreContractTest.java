package io.nemobot.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract, durability included, on the SQLite store (its group commit is in {@link SqliteStoreTest}). */
class SqliteStoreContractTest extends DurableStoreContract {
    @TempDir
    Path dir;

    @Override
    protected Store open() {
        return SqliteStore.open(dir);
    }
}
