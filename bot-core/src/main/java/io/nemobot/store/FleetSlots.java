package io.nemobot.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fleet-wide slots in the PostgreSQL store (table of migration V8), for platform limits that no share can
 * divide: Slack takes about one {@code chat.postMessage} a second per channel, and 1/n of that is still one
 * a second for each of n processes. Each key (a budget and its scope) keeps the earliest time its next call
 * may go; a reservation takes the later of that time and now, and moves it one spacing past, in one upsert
 * (the row's lock orders processes asking at once), so the slots handed out are a spacing apart whichever
 * process asks. Times are this process's clock in epoch milliseconds, like the fleet's leases. Keys of
 * channels that went quiet are deleted now and then (at most once a {@link #FORGET_AFTER}).
 */
final class FleetSlots {
    /** How long after its last slot a key is kept: long past any spacing, so deleting it frees nothing in use. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    /** The reserved call time comes back as next_at minus the spacing. */
    private static final String RESERVE = "INSERT INTO fleet_slots (slot_key, next_at) VALUES (?, ?)"
            + " ON CONFLICT (slot_key) DO UPDATE SET next_at = GREATEST(fleet_slots.next_at, ?) + ?"
            + " RETURNING next_at";
    private static final String FORGET = "DELETE FROM fleet_slots WHERE next_at < ?";

    private final PostgresStore store;
    private final Clock clock;
    private final AtomicLong forgotAt;

    FleetSlots(PostgresStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.forgotAt = new AtomicLong(clock.millis());
    }

    /** Reserves the key's next slot (at or after now) and returns how long until it. */
    Duration reserve(String key, Duration spacing) {
        Objects.requireNonNull(key, "key");
        if (spacing.isNegative()) {
            throw new IllegalArgumentException("spacing must not be negative: " + spacing);
        }
        long now = clock.millis();
        long gap = spacing.toMillis();
        long forgetBefore = forgetDue(now);
        long slot = store.write(s -> {
            if (forgetBefore != Long.MIN_VALUE) {
                s.update(FORGET, forgetBefore);
            }
            return s.query(RESERVE, rs -> rs.getLong(1), key, now + gap, now, gap).get(0) - gap;
        }, null);
        return Duration.ofMillis(Math.max(0, slot - now));
    }

    /** The time before which keys are deleted in this reservation, or {@code Long.MIN_VALUE} when it is not time yet. */
    private long forgetDue(long now) {
        long last = forgotAt.get();
        if (now - last < FORGET_AFTER.toMillis() || !forgotAt.compareAndSet(last, now)) {
            return Long.MIN_VALUE;
        }
        return now - FORGET_AFTER.toMillis();
    }
}
