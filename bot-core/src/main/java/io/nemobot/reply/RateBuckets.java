package io.nemobot.reply;

import io.nemobot.chat.CallUse;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One platform's rate buckets, as the {@link EditPacer} draws on them: one per budget and scope (per
 * thread, per channel, per workspace...), made when a call first needs it and dropped once its window
 * holds no call any more, so a platform's threads cost nothing after they go quiet. Kept apart from the
 * pacer's queue, which decides who goes next; this decides what a call draws from: the budgets that
 * count its {@link CallUse}. Every limit is the budget's permits times this process's {@code share}
 * (several processes sharing one bot each take their part), but for a budget each thread has to itself
 * ({@link io.nemobot.chat.EditBudget#perThread()}), which one process at a time draws on. Not thread-safe by itself: every call holds
 * the pacer's lock, which the idle sweep takes too.
 */
final class RateBuckets {
    private static final Logger LOG = LoggerFactory.getLogger(RateBuckets.class);
    /** The share of a budget each thread has to itself: one process at a time writes a thread. */
    private static final DoubleSupplier WHOLE = () -> 1.0;
    /** What a "rate limited" answer pauses: every call on existing messages (the core cannot tell which method it was). */
    private static final List<CallUse> EDITS = List.of(CallUse.EDIT, CallUse.APPEND, CallUse.CLOSE);

    private final PlatformProfile profile;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier clock;
    private final DoubleSupplier share;
    /** The pacer's lock: the sweep runs on the scheduler and must not race the pacer's use of a bucket. */
    private final Object lock;
    /** Per budget, its buckets by scope (a lookup allocates nothing: the pump scans the whole queue often). */
    private final List<Map<String, SlidingWindowLimiter>> buckets = new ArrayList<>();
    /** How often idle buckets are looked for: the longest window of the profile's budgets. */
    private final long sweepEvery;
    /** Counts sweeps that dropped a bucket: a list of buckets looked up before a drop may be stale. */
    private long generation;
    /** The next look for idle buckets, while any bucket is held. */
    private ScheduledFuture<?> sweep;

    RateBuckets(PlatformProfile profile, ScheduledExecutorService scheduler, LongSupplier nanoClock, DoubleSupplier share,
            Object lock) {
        this.profile = profile;
        this.share = share;
        this.scheduler = scheduler;
        this.clock = nanoClock;
        this.lock = lock;
        this.sweepEvery = profile.budgets().stream().mapToLong(b -> b.period().toNanos() + b.period().toNanos() / 100)
                .max().orElse(Duration.ofSeconds(1).toNanos());
    }

    /** Permits a dispatched call was granted, stamped again when the call is made and when it returns. */
    static final class Grant {
        long at;
        List<SlidingWindowLimiter> buckets;
        /** Whether the permits were granted for a reply's final text. */
        final boolean finalCall;

        Grant(long at, List<SlidingWindowLimiter> buckets, boolean finalCall) {
            this.at = at;
            this.buckets = buckets;
            this.finalCall = finalCall;
        }

        /** Takes a permit of each bucket for a call about to be made; {@code finalCall}: it may use the reserve. */
        static Grant take(long now, List<SlidingWindowLimiter> buckets, boolean finalCall) {
            for (SlidingWindowLimiter b : buckets) {
                b.take(now, true, finalCall);
            }
            return new Grant(now, buckets, finalCall);
        }

        void sending(long now) {
            for (SlidingWindowLimiter b : buckets) {
                b.sent(at, now);
            }
            at = now;
        }

        void returned(long now) {
            for (SlidingWindowLimiter b : buckets) {
                b.returned(at, now);
            }
        }

        /**
         * The call needs only the permits of {@code kept} after all (an edit that posts a new message
         * instead): every other permit goes back. Returns the buckets that got one back.
         */
        List<SlidingWindowLimiter> refundAllBut(List<SlidingWindowLimiter> kept) {
            List<SlidingWindowLimiter> keep = new ArrayList<>();
            List<SlidingWindowLimiter> freed = new ArrayList<>();
            for (SlidingWindowLimiter b : buckets) {
                if (kept.contains(b)) {
                    keep.add(b);
                } else {
                    b.refund(at);
                    freed.add(b);
                }
            }
            buckets = keep;
            return freed;
        }
    }

    /** Changes whenever a sweep dropped a bucket. Called under the pacer's lock. */
    long generation() {
        return generation;
    }

    /** Buckets held now. */
    int size() {
        int n = 0;
        for (Map<String, SlidingWindowLimiter> byScope : buckets) {
            n += byScope.size();
        }
        return n;
    }

    /** Drops the buckets whose window holds no call any more; looks again later while any is left. */
    private void sweep() {
        synchronized (lock) {
            sweep = null;
            long now = clock.getAsLong();
            int before = size();
            for (Map<String, SlidingWindowLimiter> byScope : buckets) {
                byScope.values().removeIf(b -> b.idle(now));
            }
            if (size() != before) {
                generation++;
            }
            if (size() > 0) {
                sweepLater();
            }
        }
    }

    /** Schedules the next sweep unless one is scheduled. Called under the pacer's lock. */
    private void sweepLater() {
        if (sweep != null) {
            return;
        }
        try {
            sweep = scheduler.schedule(this::sweep, sweepEvery, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Pacer stopped; idle buckets stay until the process ends");
        }
    }

    /** The platform said to wait until {@code until}: no call on this thread's existing messages before then. */
    void pauseEdits(ThreadKey thread, long until, long now) {
        for (CallUse use : EDITS) {
            for (SlidingWindowLimiter b : of(thread, now, use)) {
                b.pause(until, now);
            }
        }
    }

    /** The buckets a call of this thread draws from: those of the budgets that count {@code use}. */
    List<SlidingWindowLimiter> of(ThreadKey thread, long now, CallUse use) {
        List<EditBudget> budgets = profile.budgets();
        List<SlidingWindowLimiter> out = new ArrayList<>(budgets.size());
        for (int i = 0; i < budgets.size(); i++) {
            EditBudget budget = budgets.get(i);
            if (buckets.size() <= i) {
                buckets.add(new HashMap<>());
            }
            if (!budget.counts(use) || budget.inFleetSlots()) {
                continue; // a fleet-slot budget is kept by the adapter here and by slots across the fleet
            }
            Map<String, SlidingWindowLimiter> byScope = buckets.get(i);
            String scope = budget.scope().apply(thread);
            SlidingWindowLimiter bucket = byScope.get(scope);
            if (bucket == null) {
                bucket = new SlidingWindowLimiter(budget.permits(), budget.period().toNanos(), budget.burst(),
                        budget.finalsReserve(), budget.perThread() ? WHOLE : share, now);
                byScope.put(scope, bucket);
                sweepLater();
            }
            out.add(bucket);
        }
        return out;
    }
}
