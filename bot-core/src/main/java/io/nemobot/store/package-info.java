/**
 * What must survive a restart (thread → session bindings, the client id and token, renders in
 * flight, turns in flight, daily usage) behind the {@link io.nemobot.store.Store} port: an embedded
 * SQLite default (group commit by one writer thread), and an in-memory one for tests. The SQL stores
 * share their statements ({@code StoreSql}) and their operations ({@code SqlStore}); a contract test in
 * bot-core's test-jar ({@code StoreContract}) holds every implementation to the same behaviour.
 */
package io.nemobot.store;
