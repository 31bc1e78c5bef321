package io.nemobot.store;

/** The store contract on the in-memory store (no durability claimed). */
class MemoryStoreTest extends StoreContract {
    @Override
    protected Store open() {
        return new MemoryStore();
    }
}
