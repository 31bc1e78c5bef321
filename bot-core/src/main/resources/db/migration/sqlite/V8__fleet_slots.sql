-- A SQLite store has one process (io.nemobot.fleet.SingleProcessFleet): nobody else calls the platforms,
-- so the fleet's slots exist only in PostgreSQL (V8__fleet_slots.sql there). This version keeps the two
-- schemas' numbering in step.
SELECT 1;
