/**
 * What must survive a restart (thread → session bindings, the client id and token, renders in
 * flight, turns in flight, daily usage) behind the {@link io.nemobot.store.Store} port: an embedded
 * SQLite default (group commit by one writer thread), a shared PostgreSQL store (a pool;
 * {@code NEMO_DATABASE_URL}), and an in-memory one for tests. The SQL stores share their statements
 * ({@code StoreSql}), their operations ({@code SqlStore}) and their migration mechanism (Flyway,
 * {@code db/migration/<vendor>}); a contract test in bot-core's test-jar ({@code StoreContract}) holds
 * every implementation to the same behaviour.
 */
package io.nemobot.store;
