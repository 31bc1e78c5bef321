-- Coordination between bot processes sharing this database (io.nemobot.store.PostgresFleet). Times are
-- epoch milliseconds of the processes' clocks.
-- The processes alive now: each renews its heartbeat a few times per lease.
CREATE TABLE fleet_instances (instance_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL);
-- Deliveries taken by any process (Slack retries, double clicks reaching another process), kept for a while.
CREATE TABLE fleet_events (event_id TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
CREATE INDEX fleet_events_seen_at ON fleet_events (seen_at);
-- One turn at a time per thread, fleet-wide: the process running the thread's turn holds its lease.
CREATE TABLE fleet_thread_leases (thread_key TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
-- Each render in flight is polled by the one process holding its lease.
CREATE TABLE fleet_render_leases (render_id TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL);
