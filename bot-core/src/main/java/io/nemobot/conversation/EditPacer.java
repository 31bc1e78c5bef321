package io.nemobot.conversation;

import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one platform's edit budgets fairly among all live replies. A reply that has something new
 * to show asks once; it waits in a queue (final texts ahead of progress updates) and is flushed when
 * every budget it draws from has a permit and its own minimum interval has passed. Waiting replies
 * take turns, so a busy workspace slows every message a little and stalls none; whatever arrived
 * while a reply waited is coalesced into its next edit.
 */
public final class EditPacer {
    private static final Logger LOG = LoggerFactory.getLogger(EditPacer.class);

    /** Something that wants to write to the platform when allowed. */
    public interface Paced {
        ThreadKey thread();

        /** Earliest {@code nanoTime} this may run (its own per-message interval). */
        long notBefore();

        /** Does one platform call. Runs on the sender executor. */
        void flush();

        /** Whether that call will post a new message (budgets that count edits only are then not drawn on). */
        default boolean posting() {
            return false;
        }
    }

    private final PlatformProfile profile;
    private final ScheduledExecutorService scheduler;
    private final Executor sender;
    private final LongSupplier clock;
    /** Per budget, its buckets by scope (a lookup allocates nothing: the pump scans the whole queue often). */
    private final List<Map<String, TokenBucket>> buckets = new ArrayList<>();
    private final LinkedHashSet<Paced> urgent = new LinkedHashSet<>();
    private final LinkedHashSet<Paced> normal = new LinkedHashSet<>();
    /** Handed to the sender, flush not returned yet; asking again waits until it has (0 not asked, 1 asked, 2 urgently). */
    private final Map<Paced, Integer> running = new HashMap<>();
    /** When each dispatched reply got its permits, until it says it is sending (see {@link #sending}). */
    private final Map<Paced, Grant> grantedAt = new HashMap<>();

    private record Grant(long at, List<TokenBucket> buckets) {
    }
    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;
    private long dispatched;

    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock) {
        this.profile = profile;
        this.scheduler = scheduler;
        this.sender = sender;
        this.clock = nanoClock;
    }

    public PlatformProfile profile() {
        return profile;
    }

    /** Queue a flush; {@code urgentFlush} for final texts. Asking again while queued changes nothing. */
    public void request(Paced paced, boolean urgentFlush) {
        synchronized (this) {
            if (running.containsKey(paced)) {
                // Dispatched but not flushed yet: queuing it now would let it run twice in a row.
                running.merge(paced, urgentFlush ? 2 : 1, Math::max);
                return;
            }
            boolean added;
            if (urgentFlush) {
                normal.remove(paced);
                added = urgent.add(paced);
            } else {
                added = !urgent.contains(paced) && normal.add(paced);
            }
            if (!added) {
                return; // already waiting, and a wake-up is scheduled for it
            }
        }
        scheduleAt(clock.getAsLong());
    }

    /**
     * The dispatched reply makes its platform call now: its permits count from this moment, not from
     * when they were granted. Rendering, a thread hand-off or a GC pause between the two must not let
     * the platform see more calls in a window than the budget allows.
     */
    public void sending(Paced paced) {
        long now = clock.getAsLong();
        synchronized (this) {
            Grant granted = grantedAt.remove(paced);
            if (granted != null) {
                for (TokenBucket b : granted.buckets()) {
                    b.sent(granted.at(), now);
                }
            }
        }
    }

    /** A call made outside the queue (a reply's first post): takes a permit where one is free. */
    public synchronized void spend(ThreadKey thread) {
        long now = clock.getAsLong();
        for (TokenBucket b : bucketsOf(thread, now, true)) {
            if (b.available(now)) {
                b.take(now);
            }
        }
    }

    /** The platform answered "rate limited": every reply drawing from the same budgets waits. */
    public void penalize(ThreadKey thread, Duration retryAfter) {
        long now = clock.getAsLong();
        synchronized (this) {
            for (TokenBucket b : bucketsOf(thread, now, false)) {
                b.pause(now + retryAfter.toNanos(), now);
            }
        }
        scheduleAt(now + retryAfter.toNanos());
    }

    /** Replies waiting for a permit (for reports and tests). */
    public synchronized int waiting() {
        return urgent.size() + normal.size();
    }

    public synchronized long dispatched() {
        return dispatched;
    }

    /** The buckets a call of this thread draws from ({@code post}: a new message, which skips edit-only budgets). */
    private List<TokenBucket> bucketsOf(ThreadKey thread, long now, boolean post) {
        List<EditBudget> budgets = profile.budgets();
        List<TokenBucket> out = new ArrayList<>(budgets.size());
        for (int i = 0; i < budgets.size(); i++) {
            EditBudget budget = budgets.get(i);
            if (buckets.size() <= i) {
                buckets.add(new HashMap<>());
            }
            if (post && !budget.posts()) {
                continue;
            }
            out.add(buckets.get(i).computeIfAbsent(budget.scope().apply(thread),
                    k -> new TokenBucket(budget.permits(), budget.period().toNanos(), now)));
        }
        return out;
    }

    private void scheduleAt(long at) {
        synchronized (this) {
            long now = clock.getAsLong();
            if (wakeUp != null && !wakeUp.isDone() && wakeUpAt - at <= 0) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            wakeUpAt = at;
            try {
                wakeUp = scheduler.schedule(this::pump, Math.max(0, at - now), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Pacer stopped; dropping wake-up");
            }
        }
    }

    private void pump() {
        List<Paced> ready = new ArrayList<>();
        long next = Long.MAX_VALUE;
        long now = clock.getAsLong();
        synchronized (this) {
            wakeUp = null;
            next = drain(urgent, now, ready, next);
            next = drain(normal, now, ready, next);
            dispatched += ready.size();
        }
        for (Paced p : ready) {
            try {
                sender.execute(() -> flush(p));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Sender stopped; dropping a flush");
            }
        }
        if (next != Long.MAX_VALUE) {
            scheduleAt(now + next);
        }
    }

    private void flush(Paced p) {
        try {
            p.flush();
        } finally {
            Integer again;
            synchronized (this) {
                again = running.remove(p);
                grantedAt.remove(p);
            }
            if (again != null && again > 0) {
                request(p, again == 2);
            }
        }
    }

    /** Moves every queue entry that may run now into {@code ready}; returns the least wait of the rest. */
    private long drain(LinkedHashSet<Paced> queue, long now, List<Paced> ready, long leastWait) {
        long least = leastWait;
        Iterator<Paced> it = queue.iterator();
        while (it.hasNext()) {
            Paced p = it.next();
            long own = p.notBefore() - now;
            if (own > 0) {
                least = Math.min(least, own);
                continue;
            }
            List<TokenBucket> bs = bucketsOf(p.thread(), now, p.posting());
            long wait = 0;
            for (TokenBucket b : bs) {
                wait = Math.max(wait, b.nanosUntilPermit(now));
            }
            if (wait > 0) {
                least = Math.min(least, wait);
                continue;
            }
            for (TokenBucket b : bs) {
                b.take(now);
            }
            it.remove();
            ready.add(p);
            running.put(p, 0);
            grantedAt.put(p, new Grant(now, bs));
        }
        return least;
    }
}
