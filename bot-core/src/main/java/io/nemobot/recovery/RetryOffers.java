package io.nemobot.recovery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The message each thread may retry: after a cut stream whose effect could not be confirmed, the
 * user is offered a Retry button, and a click sends that message again. An offer is taken by the
 * click and otherwise lapses after {@link #KEPT}: long enough to come back to later that day, and a
 * button clicked after that is told there is nothing to retry, rather than resending a message
 * written in another context. Upkeep runs on the caller, waking no pool thread.
 */
public final class RetryOffers {
    /** How long a Retry button stays good. */
    public static final Duration KEPT = Duration.ofHours(12);
    /** A bound for a burst of failures (each thread holds at most one offer). */
    private static final long MAX_OFFERS = 100_000;

    private final Cache<ThreadKey, String> offers;

    /** {@code nanos}: the clock offers age by ({@code nanoTime} values). */
    public RetryOffers(LongSupplier nanos) {
        this.offers = Caffeine.newBuilder().maximumSize(MAX_OFFERS).expireAfterWrite(KEPT)
                .ticker(nanos::getAsLong).executor(Runnable::run).build();
    }

    /** Offers {@code text} for a retry in the thread (replacing an older offer). */
    void offer(ThreadKey thread, String text) {
        offers.put(thread, text);
    }

    /** The message to retry in the thread, taking the offer; empty when there is none or it lapsed. */
    public Optional<String> take(ThreadKey thread) {
        return Optional.ofNullable(offers.asMap().remove(thread));
    }

    /** Offers held now. */
    public long count() {
        offers.cleanUp();
        return offers.estimatedSize();
    }
}
