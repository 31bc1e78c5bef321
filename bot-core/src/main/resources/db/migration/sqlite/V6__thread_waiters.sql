-- A SQLite store has one process (io.nemobot.fleet.SingleProcessFleet): its thread lanes alone keep a thread's
-- messages in order, so the waiters' table exists only in PostgreSQL (V6__thread_waiters.sql there). This
-- version keeps the two schemas' numbering in step.
SELECT 1;
