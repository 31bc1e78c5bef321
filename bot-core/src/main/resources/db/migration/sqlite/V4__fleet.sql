-- A SQLite store has one process (io.nemobot.fleet.SingleProcessFleet): its leases and delivery ids live in
-- memory, so the fleet's tables exist only in PostgreSQL (V4__fleet.sql there). This version keeps the two
-- schemas' numbering in step.
SELECT 1;
