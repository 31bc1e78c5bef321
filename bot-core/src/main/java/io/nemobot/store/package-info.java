/**
 * What must survive a restart (thread → session bindings, the client id and token, renders in
 * flight, turns in flight, daily usage) behind the {@link io.nemobot.store.Store} port, with an
 * embedded SQLite default and an in-memory one for tests.
 */
package io.nemobot.store;
