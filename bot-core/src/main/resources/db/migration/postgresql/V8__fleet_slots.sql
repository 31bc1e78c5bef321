-- Fleet-wide slots for platform limits no share can divide (Slack: about one chat.postMessage a second per
-- channel; each of n processes taking 1/n of it would still take one a second): io.nemobot.store.FleetSlots.
-- One row per budget and scope; next_at (epoch milliseconds) is the earliest time the next call may go. A call
-- reserves max(next_at, now) in one upsert and moves next_at one spacing past it, so two processes asking at
-- once get two slots a spacing apart. Rows whose next_at has long passed are deleted (nothing waits on them).
CREATE TABLE fleet_slots (slot_key TEXT PRIMARY KEY, next_at BIGINT NOT NULL);
