package io.nemobot.usage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what the account's balance did into what each chat turn cost. Every chat user spends the one
 * account, so turns that run at once all see each other's spending: a drop in the balance between two
 * readings is split evenly among the turns running in that interval (the remainder to the ones that
 * started first), so the costs add up to what was spent and a turn running alone is charged exactly its
 * own. A rise (a top-up, a reservation released) charges nobody. Thread-safe. Times are the caller's
 * ({@code nanoTime} values), to tell how fresh the last reading is.
 */
final class CreditLedger {
    /** One turn's running charge. */
    static final class Entry {
        private long charged;

        long charged() {
            return charged;
        }
    }

    private final Map<Entry, Boolean> running = new LinkedHashMap<>();
    private Long last;
    private long lastAt;

    /** A turn starts, with the balance read just before it (or null: not read, or not readable). */
    synchronized Entry open(Long balance, long now) {
        observe(balance, now);
        Entry entry = new Entry();
        running.put(entry, Boolean.TRUE);
        return entry;
    }

    /** The turn ended, with the balance read just after it (or null); returns what it cost. */
    synchronized long close(Entry entry, Long balance, long now) {
        observe(balance, now);
        running.remove(entry);
        return entry.charged;
    }

    /** A reading of the balance outside any turn's start or end (e.g. the credits poll). */
    synchronized void observe(Long balance, long now) {
        if (balance == null) {
            return;
        }
        lastAt = now;
        if (last != null && balance < last && !running.isEmpty()) {
            long spent = last - balance;
            long share = spent / running.size();
            long rest = spent % running.size();
            for (Entry e : running.keySet()) {
                e.charged += share + (rest-- > 0 ? 1 : 0);
            }
        }
        last = balance;
    }

    /** Whether a balance was read less than {@code maxAgeNanos} before {@code now}. */
    synchronized boolean readSince(long now, long maxAgeNanos) {
        return last != null && now - lastAt < maxAgeNanos;
    }
}
