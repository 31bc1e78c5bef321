/**
 * Coordination between bot processes that share one database: which process runs a thread's turn,
 * polls a render, takes a delivery, and who explains a dead process's turns. {@link io.nemobot.fleet.Fleet}
 * is the port; {@link io.nemobot.fleet.SingleProcessFleet} is today's one process (everything is
 * this process's), and the PostgreSQL implementation lives with the store that owns the connection pool.
 * {@link io.nemobot.fleet.FleetShare} is this process's share of the platform budgets (1 / the live processes);
 * the limits no share divides (one post a second per channel) are kept in fleet-wide slots
 * ({@link io.nemobot.fleet.Fleet#reserveSlot}).
 */
package io.nemobot.fleet;
