package io.nemobot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Event ids already taken: platforms deliver an event again when an acknowledgement was late, and a
 * double click sends two. Ids are kept for a while and up to a bound, which is all a redelivery
 * needs; upkeep runs on the caller, waking no pool thread.
 */
final class SeenEvents {
    /** Platforms redeliver within minutes; two hours leaves a wide margin. */
    static final Duration KEPT = Duration.ofHours(2);
    private static final long MAX_IDS = 200_000;

    private final Cache<String, Boolean> seen;

    /** {@code nanos}: the clock ids age by ({@code nanoTime} values). */
    SeenEvents(LongSupplier nanos) {
        this.seen = Caffeine.newBuilder().maximumSize(MAX_IDS).expireAfterWrite(KEPT)
                .ticker(nanos::getAsLong).executor(Runnable::run).build();
    }

    /** Whether this is the first time the id comes (it is remembered from now on). */
    boolean first(String eventId) {
        return seen.asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    /** Ids remembered now. */
    long count() {
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
