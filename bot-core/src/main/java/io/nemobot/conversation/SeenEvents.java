package io.nemobot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.fleet.Fleet;
import io.nemobot.fleet.SingleProcessFleet;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event ids already taken: platforms deliver an event again when an acknowledgement was late, and a
 * double click sends two. Ids are kept for a while and up to a bound, which is all a redelivery
 * needs; upkeep runs on the caller, waking no pool thread. Processes sharing a database also ask the
 * fleet, so a redelivery that reaches another process is dropped there.
 */
final class SeenEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SeenEvents.class);
    /** Platforms redeliver within minutes; two hours leaves a wide margin. */
    static final Duration KEPT = Duration.ofHours(2);
    private static final long MAX_IDS = 200_000;

    private final Cache<String, Boolean> seen;
    private final Fleet fleet;

    /** {@code nanos}: the clock ids age by ({@code nanoTime} values). */
    SeenEvents(LongSupplier nanos) {
        this(nanos, new SingleProcessFleet("local"));
    }

    /** {@code fleet}: asked after this process's own memory, so a redelivery to another process is caught too. */
    SeenEvents(LongSupplier nanos, Fleet fleet) {
        this.seen = Caffeine.newBuilder().maximumSize(MAX_IDS).expireAfterWrite(KEPT)
                .ticker(nanos::getAsLong).executor(Runnable::run).build();
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    /**
     * Whether this is the first time the id comes, to this process and to the fleet (it is remembered
     * from now on). When the database cannot answer, the delivery is taken: a possible double reply
     * beats a message dropped.
     */
    boolean first(String eventId) {
        if (seen.asMap().putIfAbsent(eventId, Boolean.TRUE) != null) {
            return false;
        }
        try {
            return fleet.firstDelivery(eventId);
        } catch (RuntimeException e) {
            LOG.warn("Delivery {} could not be checked with the other processes ({}); taking it", eventId, e.toString());
            return true;
        }
    }

    /** Remembers an id taken over from an earlier run or another process (this process only: the fleet has it). */
    void remember(String eventId) {
        seen.put(eventId, Boolean.TRUE);
    }

    /** Ids remembered now. */
    long count() {
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
