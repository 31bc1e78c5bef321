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
 * A sweep claims only what is orphaned (open turns whose thread lease expired, accepted messages whose run
 * stopped renewing), in one statement each, so its cost does not grow with the live threads.
 */
public final class PostgresFleet implements Fleet {
    /** How long a delivery id is remembered fleet-wide: platforms redeliver within minutes. */
    public static final Duration EVENTS_KEPT = Duration.ofHours(2);

    private final PostgresStore store;
    private final FleetSettings settings;
    private final Clock clock;
    private final Set<ThreadKey> threads = ConcurrentHashMap.newKeySet();
    private final Set<String> renders = ConcurrentHashMap.newKeySet();
    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final FleetSlots slots;
    private final long startedAt;
    /** When this process's row was there for the others to count (read after its insert committed). */
    private long joinedAt;

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
        fleet.joinedAt = clock.millis(); // after the commit: a count following a renewal dated later saw the row
        return fleet;
    }

    @Override
    public String instanceId() {
        return settings.instanceId();
    }

    /** The instance id and this run's start, as its row in {@code fleet_instances} shows them. */
    @Override
    public String runId() {
        return instanceId() + "@" + startedAt;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean firstDelivery(String eventId) {
        return store.write(s -> s.update(FleetSql.FIRST_DELIVERY, eventId, clock.millis()), null) == 1;
    }

    @Override
    public boolean tryTakeThread(ThreadKey thread) {
        if (threads.contains(thread)) {
            return false; // not re-entrant: this process is running the thread's turn
        }
        long now = clock.millis();
        boolean taken = store.write(s -> s.update(FleetSql.TAKE_THREAD, thread.id(), instanceId(), expiry(now), now), null) == 1;
        if (taken) {
            threads.add(thread);
        }
        return taken;
    }

    @Override
    public void queueForThread(ThreadKey thread, Arrival arrival) {
        Waiter waiter = new Waiter(thread.id(), arrival.eventId());
        waiting.add(waiter);
        store.write(s -> s.update(FleetSql.QUEUE, thread.id(), arrival.eventId(), arrival.micros(), instanceId()), null);
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
            s.update(FleetSql.QUEUE, thread.id(), arrival.eventId(), arrival.micros(), instanceId());
            boolean won = s.update(FleetSql.TAKE_THREAD_IN_TURN, thread.id(), instanceId(), expiry(now), thread.id(), instanceId(),
                    live, arrival.micros(), arrival.micros(), arrival.eventId(), now) == 1;
            if (won) {
                s.update(FleetSql.UNQUEUE, thread.id(), arrival.eventId());
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
            store.write(s -> s.update(FleetSql.UNQUEUE, thread.id(), arrival.eventId()), null);
        }
    }

    @Override
    public void releaseThread(ThreadKey thread) {
        if (threads.remove(thread)) {
            store.write(s -> s.update(FleetSql.RELEASE_THREAD, thread.id(), instanceId()), null);
        }
    }

    @Override
    public void takeRender(String renderId) {
        renders.add(renderId);
        store.write(s -> s.update(FleetSql.TAKE_RENDER, renderId, instanceId(), expiry(clock.millis())), null);
    }

    @Override
    public boolean holdsRender(String renderId) {
        boolean held = !store.read(s -> s.query(FleetSql.HOLDS_RENDER, rs -> rs.getInt(1), renderId, instanceId())).isEmpty();
        if (!held) {
            renders.remove(renderId);
        }
        return held;
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        return store.write(s -> s.update(FleetSql.CLAIM_RENDER_LINK, renderId, instanceId()), null) == 1;
    }

    @Override
    public void releaseRender(String renderId) {
        if (renders.remove(renderId)) {
            store.write(s -> s.update(FleetSql.RELEASE_RENDER, renderId, instanceId()), null);
        }
    }

    @Override
    public List<String> claimOrphanedRenders(int max) {
        long now = clock.millis();
        List<String> claimed = store.write(s -> {
            List<String> ids = new java.util.ArrayList<>(
                    s.query(FleetSql.CLAIM_EXPIRED, rs -> rs.getString(1), instanceId(), expiry(now), now, max));
            if (ids.size() < max) {
                ids.addAll(s.query(FleetSql.CLAIM_UNLEASED, rs -> rs.getString(1), instanceId(), expiry(now), max - ids.size()));
            }
            return ids;
        }, null);
        renders.addAll(claimed);
        return claimed;
    }

    @Override
    public List<ThreadKey> claimOrphanedTurns(int max) {
        long now = clock.millis();
        List<ThreadKey> claimed = store.write(s -> {
            List<String> ids = new java.util.ArrayList<>(
                    s.query(FleetSql.CLAIM_EXPIRED_TURNS, rs -> rs.getString(1), instanceId(), expiry(now), now, max));
            if (ids.size() < max) {
                ids.addAll(s.query(FleetSql.CLAIM_UNLEASED_TURNS, rs -> rs.getString(1), instanceId(), expiry(now),
                        max - ids.size()));
            }
            return ids.stream().map(ThreadKey::parse).toList();
        }, null);
        threads.addAll(claimed);
        return claimed;
    }

    @Override
    public List<String> claimOrphanedMessages(int max) {
        long live = clock.millis() - settings.lease().toMillis();
        return store.write(s -> s.query(FleetSql.CLAIM_ORPHANED_MESSAGES, rs -> rs.getString(1), runId(), runId(), live,
                max), null);
    }

    @Override
    public Duration reserveSlot(String key, Duration spacing) {
        return slots.reserve(key, spacing);
    }

    @Override
    public void heartbeat() {
        long now = clock.millis();
        store.write(s -> {
            s.update(FleetSql.JOIN, instanceId(), startedAt, now);
            s.update(FleetSql.RENEW_THREADS, expiry(now), instanceId(), array(s, threads.stream().map(ThreadKey::id).toList()));
            s.update(FleetSql.RENEW_RENDERS, expiry(now), instanceId(), array(s, List.copyOf(renders)));
            s.update(FleetSql.FORGET_EVENTS, now - EVENTS_KEPT.toMillis());
            s.update(FleetSql.FORGET_DEAD, now - 10 * settings.lease().toMillis());
            s.update(FleetSql.FORGET_ENDED_RENDERS, now);
            List<Waiter> mine = List.copyOf(waiting);
            s.update(FleetSql.FORGET_OWN_STALE_WAITERS, instanceId(), array(s, mine.stream().map(Waiter::thread).toList()),
                    array(s, mine.stream().map(Waiter::eventId).toList()));
            s.update(FleetSql.FORGET_DEAD_WAITERS, now - settings.lease().toMillis());
            return null;
        }, null);
    }

    @Override
    public int liveInstances() {
        long since = clock.millis() - settings.lease().toMillis();
        return store.read(s -> s.query(FleetSql.LIVE, rs -> rs.getInt(1), since)).get(0);
    }

    /**
     * True once no other live process's presence is dated at or before this one's join (clocks of different
     * machines may differ: a process whose clock is behind looks as if it had not renewed yet).
     */
    @Override
    public boolean countedByOthers() {
        long since = clock.millis() - settings.lease().toMillis();
        return store.read(s -> s.query(FleetSql.NOT_YET_COUNTED, rs -> rs.getInt(1), instanceId(), since, joinedAt))
                .get(0) == 0;
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
            s.update(FleetSql.EXPIRE_THREADS, instanceId(), array(s, threadIds));
            s.update(FleetSql.EXPIRE_RENDERS, instanceId(), array(s, renderIds));
            s.update(FleetSql.LEAVE_QUEUES, instanceId());
            s.update(FleetSql.LEAVE, instanceId());
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
