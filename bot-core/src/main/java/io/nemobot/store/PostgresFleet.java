package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Arrival;
import io.nemobot.fleet.Fleet;
import io.nemobot.fleet.FleetSettings;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet over the PostgreSQL store's pool (tables of migration V4). Every decision is one atomic
 * statement, so two processes asking at once get one yes: a delivery is first when its id's insert
 * wins, a lease is taken when the upsert finds no row or an expired one, and orphaned renders are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so concurrent sweeps split them instead of sharing them.
 * Only the leases this process remembers taking are renewed: one it failed to give back (the database
 * was away) is not kept alive, it expires. A thread's messages that wait (migration V6) are ordered by
 * their platform time across processes: the lease goes to the oldest waiter of a live process; this
 * process's waiters it no longer remembers, and every waiter of a dead process, are removed at a heartbeat.
 */
public final class PostgresFleet implements Fleet {
    /** How long a delivery id is remembered fleet-wide: platforms redeliver within minutes. */
    public static final Duration EVENTS_KEPT = Duration.ofHours(2);

    private static final String JOIN = "INSERT INTO fleet_instances (instance_id, started_at, heartbeat_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at";
    private static final String LEAVE = "DELETE FROM fleet_instances WHERE instance_id = ?";
    private static final String LIVE = "SELECT count(*) FROM fleet_instances WHERE heartbeat_at > ?";
    private static final String FORGET_DEAD = "DELETE FROM fleet_instances WHERE heartbeat_at < ?";
    private static final String FIRST_DELIVERY = "INSERT INTO fleet_events (event_id, seen_at) VALUES (?, ?)"
            + " ON CONFLICT (event_id) DO NOTHING";
    private static final String FORGET_EVENTS = "DELETE FROM fleet_events WHERE seen_at < ?";
    private static final String TAKE_THREAD = "INSERT INTO fleet_thread_leases (thread_key, holder, expires_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (thread_key) DO UPDATE SET holder = excluded.holder,"
            + " expires_at = excluded.expires_at WHERE fleet_thread_leases.expires_at < ?";
    private static final String QUEUE = "INSERT INTO fleet_thread_waiters (thread_key, event_id, arrived_at, instance_id)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (thread_key, event_id) DO NOTHING";
    /** The lease, only when no other live process has an older message of the thread waiting (byte order ties). */
    private static final String TAKE_THREAD_IN_TURN = "INSERT INTO fleet_thread_leases (thread_key, holder, expires_at)"
            + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM fleet_thread_waiters w JOIN fleet_instances i"
            + " ON i.instance_id = w.instance_id WHERE w.thread_key = ? AND w.instance_id <> ? AND i.heartbeat_at > ?"
            + " AND (w.arrived_at < ? OR (w.arrived_at = ? AND w.event_id COLLATE \"C\" < ?)))"
            + " ON CONFLICT (thread_key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
            + " WHERE fleet_thread_leases.expires_at < ?";
    private static final String UNQUEUE = "DELETE FROM fleet_thread_waiters WHERE thread_key = ? AND event_id = ?";
    private static final String FORGET_DEAD_WAITERS = "DELETE FROM fleet_thread_waiters w WHERE NOT EXISTS"
            + " (SELECT 1 FROM fleet_instances i WHERE i.instance_id = w.instance_id AND i.heartbeat_at > ?)";
    /** This process's rows for messages it no longer has waiting (a delete that failed while the database was away). */
    private static final String FORGET_OWN_STALE_WAITERS = "DELETE FROM fleet_thread_waiters WHERE instance_id = ?"
            + " AND (thread_key, event_id) NOT IN (SELECT t, e FROM unnest(?, ?) AS u (t, e))";
    private static final String RELEASE_THREAD = "DELETE FROM fleet_thread_leases WHERE thread_key = ? AND holder = ?";
    private static final String RENEW_THREADS = "UPDATE fleet_thread_leases SET expires_at = ?"
            + " WHERE holder = ? AND thread_key = ANY (?)";
    private static final String TAKE_RENDER = "INSERT INTO fleet_render_leases (render_id, holder, expires_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (render_id) DO UPDATE SET holder = excluded.holder,"
            + " expires_at = excluded.expires_at";
    private static final String HOLDS_RENDER = "SELECT 1 FROM fleet_render_leases WHERE render_id = ? AND holder = ?";
    /** The link's claim and the lease in one statement: a holder that lost its lease cannot claim. */
    private static final String CLAIM_RENDER_LINK = "UPDATE pending_renders p SET link_claimed = 1"
            + " WHERE p.render_id = ? AND p.link_claimed = 0 AND EXISTS (SELECT 1 FROM fleet_render_leases l"
            + " WHERE l.render_id = p.render_id AND l.holder = ?)";
    private static final String RELEASE_RENDER = "DELETE FROM fleet_render_leases WHERE render_id = ? AND holder = ?";
    private static final String RENEW_RENDERS = "UPDATE fleet_render_leases SET expires_at = ?"
            + " WHERE holder = ? AND render_id = ANY (?)";
    /** Stored renders nobody ever leased (submitted before the fleet existed, or the submitter died at once). */
    private static final String CLAIM_UNLEASED = "INSERT INTO fleet_render_leases (render_id, holder, expires_at)"
            + " SELECT p.render_id, ?, ? FROM pending_renders p WHERE NOT EXISTS"
            + " (SELECT 1 FROM fleet_render_leases l WHERE l.render_id = p.render_id) ORDER BY p.started_at LIMIT ?"
            + " ON CONFLICT (render_id) DO NOTHING RETURNING render_id";
    /** Renders whose holder stopped renewing; rows another sweep is claiming right now are skipped, not waited for. */
    private static final String CLAIM_EXPIRED = "UPDATE fleet_render_leases SET holder = ?, expires_at = ?"
            + " WHERE render_id IN (SELECT l.render_id FROM fleet_render_leases l JOIN pending_renders p"
            + " ON p.render_id = l.render_id WHERE l.expires_at < ? ORDER BY l.expires_at LIMIT ?"
            + " FOR UPDATE OF l SKIP LOCKED) RETURNING render_id";
    private static final String FORGET_ENDED_RENDERS = "DELETE FROM fleet_render_leases l WHERE l.expires_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM pending_renders p WHERE p.render_id = l.render_id)";

    private final PostgresStore store;
    private final FleetSettings settings;
    private final Clock clock;
    private final Set<ThreadKey> threads = ConcurrentHashMap.newKeySet();
    private final Set<String> renders = ConcurrentHashMap.newKeySet();
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final FleetSlots slots;
    private final long startedAt;

    private PostgresFleet(PostgresStore store, FleetSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.millis();
        this.slots = new FleetSlots(store, clock);
    }

    /** Joins the fleet of the store's database (registers this process's heartbeat). */
    public static PostgresFleet join(PostgresStore store, FleetSettings settings, Clock clock) {
        PostgresFleet fleet = new PostgresFleet(store, settings, clock);
        fleet.heartbeat();
        return fleet;
    }

    @Override
    public String instanceId() {
        return settings.instanceId();
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean firstDelivery(String eventId) {
        return store.write(s -> s.update(FIRST_DELIVERY, eventId, clock.millis()), null) == 1;
    }

    @Override
    public boolean tryTakeThread(ThreadKey thread) {
        if (threads.contains(thread)) {
            return false; // not re-entrant: this process is running the thread's turn
        }
        long now = clock.millis();
        boolean taken = store.write(s -> s.update(TAKE_THREAD, thread.id(), instanceId(), expiry(now), now), null) == 1;
        if (taken) {
            threads.add(thread);
        }
        return taken;
    }

    @Override
    public void queueForThread(ThreadKey thread, Arrival arrival) {
        Waiter waiter = new Waiter(thread.id(), arrival.eventId());
        waiting.add(waiter);
        store.write(s -> s.update(QUEUE, thread.id(), arrival.eventId(), arrival.micros(), instanceId()), null);
    }

    @Override
    public boolean tryTakeThread(ThreadKey thread, Arrival arrival) {
        if (threads.contains(thread)) {
            return false;
        }
        Waiter waiter = new Waiter(thread.id(), arrival.eventId());
        waiting.add(waiter);
        long now = clock.millis();
        long live = now - settings.lease().toMillis();
        boolean taken = store.write(s -> {
            s.update(QUEUE, thread.id(), arrival.eventId(), arrival.micros(), instanceId());
            boolean won = s.update(TAKE_THREAD_IN_TURN, thread.id(), instanceId(), expiry(now), thread.id(), instanceId(),
                    live, arrival.micros(), arrival.micros(), arrival.eventId(), now) == 1;
            if (won) {
                s.update(UNQUEUE, thread.id(), arrival.eventId());
            }
            return won;
        }, null);
        if (taken) {
            threads.add(thread);
            waiting.remove(waiter);
        }
        return taken;
    }

    @Override
    public void leaveThreadQueue(ThreadKey thread, Arrival arrival) {
        if (waiting.remove(new Waiter(thread.id(), arrival.eventId()))) {
            store.write(s -> s.update(UNQUEUE, thread.id(), arrival.eventId()), null);
        }
    }

    @Override
    public void releaseThread(ThreadKey thread) {
        if (threads.remove(thread)) {
            store.write(s -> s.update(RELEASE_THREAD, thread.id(), instanceId()), null);
        }
    }

    @Override
    public void takeRender(String renderId) {
        renders.add(renderId);
        store.write(s -> s.update(TAKE_RENDER, renderId, instanceId(), expiry(clock.millis())), null);
    }

    @Override
    public boolean holdsRender(String renderId) {
        boolean held = !store.read(s -> s.query(HOLDS_RENDER, rs -> rs.getInt(1), renderId, instanceId())).isEmpty();
        if (!held) {
            renders.remove(renderId);
        }
        return held;
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        return store.write(s -> s.update(CLAIM_RENDER_LINK, renderId, instanceId()), null) == 1;
    }

    @Override
    public void releaseRender(String renderId) {
        if (renders.remove(renderId)) {
            store.write(s -> s.update(RELEASE_RENDER, renderId, instanceId()), null);
        }
    }

    @Override
    public List<String> claimOrphanedRenders(int max) {
        long now = clock.millis();
        List<String> claimed = store.write(s -> {
            List<String> ids = new java.util.ArrayList<>(
                    s.query(CLAIM_EXPIRED, rs -> rs.getString(1), instanceId(), expiry(now), now, max));
            if (ids.size() < max) {
                ids.addAll(s.query(CLAIM_UNLEASED, rs -> rs.getString(1), instanceId(), expiry(now), max - ids.size()));
            }
            return ids;
        }, null);
        renders.addAll(claimed);
        return claimed;
    }

    @Override
    public Duration reserveSlot(String key, Duration spacing) {
        return slots.reserve(key, spacing);
    }

    @Override
    public void heartbeat() {
        long now = clock.millis();
        store.write(s -> {
            s.update(JOIN, instanceId(), startedAt, now);
            s.update(RENEW_THREADS, expiry(now), instanceId(), array(s, threads.stream().map(ThreadKey::id).toList()));
            s.update(RENEW_RENDERS, expiry(now), instanceId(), array(s, List.copyOf(renders)));
            s.update(FORGET_EVENTS, now - EVENTS_KEPT.toMillis());
            s.update(FORGET_DEAD, now - 10 * settings.lease().toMillis());
            s.update(FORGET_ENDED_RENDERS, now);
            List<Waiter> mine = List.copyOf(waiting);
            s.update(FORGET_OWN_STALE_WAITERS, instanceId(), array(s, mine.stream().map(Waiter::thread).toList()),
                    array(s, mine.stream().map(Waiter::eventId).toList()));
            s.update(FORGET_DEAD_WAITERS, now - settings.lease().toMillis());
            return null;
        }, null);
    }

    @Override
    public int liveInstances() {
        long since = clock.millis() - settings.lease().toMillis();
        return store.read(s -> s.query(LIVE, rs -> rs.getInt(1), since)).get(0);
    }

    @Override
    public void close() {
        List<String> threadIds = threads.stream().map(ThreadKey::id).toList();
        List<String> renderIds = List.copyOf(renders);
        threads.clear();
        renders.clear();
        waiting.clear();
        store.write(s -> {
            // Expired now rather than deleted: a turn still recorded as open is then explained by the next sweep.
            s.update("UPDATE fleet_thread_leases SET expires_at = 0 WHERE holder = ? AND thread_key = ANY (?)",
                    instanceId(), array(s, threadIds));
            s.update("UPDATE fleet_render_leases SET expires_at = 0 WHERE holder = ? AND render_id = ANY (?)",
                    instanceId(), array(s, renderIds));
            s.update("DELETE FROM fleet_thread_waiters WHERE instance_id = ?", instanceId());
            s.update(LEAVE, instanceId());
            return null;
        }, null);
    }

    private long expiry(long now) {
        return now + settings.lease().toMillis();
    }

    /** A message of this process waiting for its thread's turn. */
    private record Waiter(String thread, String eventId) {
        Waiter {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    private static Array array(Statements s, List<String> values) throws SQLException {
        return s.connection().createArrayOf("text", values.toArray());
    }
}
