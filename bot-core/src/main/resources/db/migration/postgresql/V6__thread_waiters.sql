-- Consecutive messages of one thread run in the order they were written, whichever process took each
-- (io.nemobot.store.PostgresFleet): a message that cannot run at once waits here, and a process takes the
-- thread's lease only for the oldest waiter of the thread among the live processes. arrived_at is the
-- platform's time of the message in epoch microseconds (Slack ts, Discord snowflake), tie-broken by
-- event_id; a waiter whose process is no longer in fleet_instances' live set is skipped and removed.
CREATE TABLE fleet_thread_waiters (thread_key TEXT NOT NULL, event_id TEXT NOT NULL, arrived_at BIGINT NOT NULL,
    instance_id TEXT NOT NULL, PRIMARY KEY (thread_key, event_id));
CREATE INDEX fleet_thread_waiters_instance ON fleet_thread_waiters (instance_id);
