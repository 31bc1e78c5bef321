package io.nemobot.store;

/**
 * The fleet's SQL ({@link PostgresFleet}; tables of migrations V4, V6 and V7). Every decision is one
 * statement, so two processes asking at once get one yes.
 */
final class FleetSql {
    static final String JOIN = "INSERT INTO fleet_instances (instance_id, started_at, heartbeat_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,"
            + " started_at = excluded.started_at";
    static final String LEAVE = "DELETE FROM fleet_instances WHERE instance_id = ?";
    static final String LIVE = "SELECT count(*) FROM fleet_instances WHERE heartbeat_at > ?";
    /** Other live processes (renewed after the first time) that have not renewed since this one joined (the second). */
    static final String NOT_YET_COUNTED = "SELECT count(*) FROM fleet_instances WHERE instance_id <> ?"
            + " AND heartbeat_at > ? AND heartbeat_at <= ?";
    static final String FORGET_DEAD = "DELETE FROM fleet_instances WHERE heartbeat_at < ?";
    static final String FIRST_DELIVERY = "INSERT INTO fleet_events (event_id, seen_at) VALUES (?, ?)"
            + " ON CONFLICT (event_id) DO NOTHING";
    static final String FORGET_EVENTS = "DELETE FROM fleet_events WHERE seen_at < ?";
    static final String TAKE_THREAD = "INSERT INTO fleet_thread_leases (thread_key, holder, expires_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (thread_key) DO UPDATE SET holder = excluded.holder,"
            + " expires_at = excluded.expires_at WHERE fleet_thread_leases.expires_at < ?";
    static final String QUEUE = "INSERT INTO fleet_thread_waiters (thread_key, event_id, arrived_at, instance_id)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (thread_key, event_id) DO NOTHING";
    /** The lease, only when no other live process has an older message of the thread waiting (byte order ties). */
    static final String TAKE_THREAD_IN_TURN = "INSERT INTO fleet_thread_leases (thread_key, holder, expires_at)"
            + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM fleet_thread_waiters w JOIN fleet_instances i"
            + " ON i.instance_id = w.instance_id WHERE w.thread_key = ? AND w.instance_id <> ? AND i.heartbeat_at > ?"
            + " AND (w.arrived_at < ? OR (w.arrived_at = ? AND w.event_id COLLATE \"C\" < ?)))"
            + " ON CONFLICT (thread_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
            + " WHERE fleet_thread_leases.expires_at < ?";
    static final String UNQUEUE = "DELETE FROM fleet_thread_waiters WHERE thread_key = ? AND event_id = ?";
    static final String FORGET_DEAD_WAITERS = "DELETE FROM fleet_thread_waiters w WHERE NOT EXISTS"
            + " (SELECT 1 FROM fleet_instances i WHERE i.instance_id = w.instance_id AND i.heartbeat_at > ?)";
    /** This process's rows for messages it no longer has waiting (a delete that failed while the database was away). */
    static final String FORGET_OWN_STALE_WAITERS = "DELETE FROM fleet_thread_waiters WHERE instance_id = ?"
            + " AND (thread_key, event_id) NOT IN (SELECT t, e FROM unnest(?, ?) AS u (t, e))";
    static final String RELEASE_THREAD = "DELETE FROM fleet_thread_leases WHERE thread_key = ? AND holder = ?";
    static final String RENEW_THREADS = "UPDATE fleet_thread_leases SET expires_at = ?"
            + " WHERE holder = ? AND thread_key = ANY (?)";
    static final String TAKE_RENDER = "INSERT INTO fleet_render_leases (render_id, holder, expires_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (render_id) DO UPDATE SET holder = excluded.holder,"
            + " expires_at = excluded.expires_at";
    static final String HOLDS_RENDER = "SELECT 1 FROM fleet_render_leases WHERE render_id = ? AND holder = ?";
    /** The link's claim and the lease in one statement: a holder that lost its lease cannot claim. */
    static final String CLAIM_RENDER_LINK = "UPDATE pending_renders p SET link_claimed = 1"
            + " WHERE p.render_id = ? AND p.link_claimed = 0 AND EXISTS (SELECT 1 FROM fleet_render_leases l"
            + " WHERE l.render_id = p.render_id AND l.holder = ?)";
    static final String RELEASE_RENDER = "DELETE FROM fleet_render_leases WHERE render_id = ? AND holder = ?";
    static final String RENEW_RENDERS = "UPDATE fleet_render_leases SET expires_at = ?"
            + " WHERE holder = ? AND render_id = ANY (?)";
    /** Stored renders nobody ever leased (submitted before the fleet existed, or the submitter died at once). */
    static final String CLAIM_UNLEASED = "INSERT INTO fleet_render_leases (render_id, holder, expires_at)"
            + " SELECT p.render_id, ?, ? FROM pending_renders p WHERE NOT EXISTS"
            + " (SELECT 1 FROM fleet_render_leases l WHERE l.render_id = p.render_id) ORDER BY p.started_at LIMIT ?"
            + " ON CONFLICT (render_id) DO NOTHING RETURNING render_id";
    /** Renders whose holder stopped renewing; rows another sweep is claiming right now are skipped, not waited for. */
    static final String CLAIM_EXPIRED = "UPDATE fleet_render_leases SET holder = ?, expires_at = ?"
            + " WHERE render_id IN (SELECT l.render_id FROM fleet_render_leases l JOIN pending_renders p"
            + " ON p.render_id = l.render_id WHERE l.expires_at < ? ORDER BY l.expires_at LIMIT ?"
            + " FOR UPDATE OF l SKIP LOCKED) RETURNING render_id";
    static final String FORGET_ENDED_RENDERS = "DELETE FROM fleet_render_leases l WHERE l.expires_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM pending_renders p WHERE p.render_id = l.render_id)";

    /** Open turns whose thread lease expired (its holder died); rows another sweep is claiming are skipped. */
    static final String CLAIM_EXPIRED_TURNS = "UPDATE fleet_thread_leases SET holder = ?, expires_at = ?"
            + " WHERE thread_key IN (SELECT l.thread_key FROM fleet_thread_leases l JOIN open_turns o"
            + " ON o.thread_key = l.thread_key WHERE l.expires_at < ? ORDER BY l.expires_at LIMIT ?"
            + " FOR UPDATE OF l SKIP LOCKED) RETURNING thread_key";
    /**
     * Open turns whose thread has no lease at all (its holder gave it back without ending the turn, or never
     * had it); turns another sweep is taking right now are skipped, so concurrent sweeps take different ones.
     */
    static final String CLAIM_UNLEASED_TURNS = "INSERT INTO fleet_thread_leases (thread_key, holder, expires_at)"
            + " SELECT o.thread_key, ?, ? FROM open_turns o WHERE NOT EXISTS (SELECT 1 FROM fleet_thread_leases l"
            + " WHERE l.thread_key = o.thread_key) ORDER BY o.started_at LIMIT ? FOR UPDATE OF o SKIP LOCKED"
            + " ON CONFLICT (thread_key) DO NOTHING RETURNING thread_key";
    /**
     * Accepted messages whose run is not live (no instance row of that run renewed within the lease): they
     * become this run's; rows another sweep is taking right now are skipped.
     */
    static final String CLAIM_ORPHANED_MESSAGES = "UPDATE accepted_messages SET owner = ? WHERE event_id IN"
            + " (SELECT a.event_id FROM accepted_messages a WHERE a.owner <> ? AND NOT EXISTS (SELECT 1"
            + " FROM fleet_instances i WHERE i.heartbeat_at > ? AND i.instance_id || '@' || i.started_at = a.owner)"
            + " ORDER BY a.written_at, a.event_id LIMIT ? FOR UPDATE OF a SKIP LOCKED) RETURNING event_id";
    static final String EXPIRE_THREADS = "UPDATE fleet_thread_leases SET expires_at = 0 WHERE holder = ?"
            + " AND thread_key = ANY (?)";
    static final String EXPIRE_RENDERS = "UPDATE fleet_render_leases SET expires_at = 0 WHERE holder = ?"
            + " AND render_id = ANY (?)";
    static final String LEAVE_QUEUES = "DELETE FROM fleet_thread_waiters WHERE instance_id = ?";

    private FleetSql() {
    }
}
