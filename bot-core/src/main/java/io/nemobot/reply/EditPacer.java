package io.nemobot.reply;

import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one platform's edit budgets fairly among all live replies. A reply that has something new
 * to show asks with the time its oldest unshown change was made; the pacer lets waiting replies
 * through oldest change first (earliest deadline first), each as soon as every budget it draws from
 * has a permit and its own minimum interval has passed. So a busy workspace spreads the wait evenly
 * (no reply waits two rounds while another gets two edits), and whatever arrived while a reply
 * waited is coalesced into its next call. Changes nobody waits to read (a progress line ticking, a
 * finished part losing it) ask with a later time and go when the budget has room. This class is the
 * queue; which buckets a call draws from, and dropping idle ones, is {@link RateBuckets}'s.
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
    private final RateBuckets buckets;
    /** Waiting replies, oldest change first (ties in order of asking). */
    private final TreeSet<Waiting> queue = new TreeSet<>();
    private final Map<Paced, Waiting> queued = new HashMap<>();
    /** Handed to the sender, flush not returned yet, with the change time it asked again with meanwhile (or null). */
    private final Map<Paced, Long> running = new HashMap<>();
    /** When each dispatched reply's permits were last stamped, until its call has returned (see {@link #sending}). */
    private final Map<Paced, RateBuckets.Grant> grantedAt = new HashMap<>();
    private long sequence;

    private record Waiting(Paced paced, long since, long seq) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting o) {
            long d = since - o.since; // nanoTime values: compare by difference
            return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(seq, o.seq);
        }
    }

    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;
    private long dispatched;

    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock) {
        this(profile, scheduler, sender, nanoClock, () -> 1.0);
    }

    /** {@code share}: this process's share of each budget (a fleet of processes splits the platform's limits). */
    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock,
            java.util.function.DoubleSupplier share) {
        this.profile = profile;
        this.scheduler = scheduler;
        this.sender = sender;
        this.clock = nanoClock;
        this.buckets = new RateBuckets(profile, scheduler, nanoClock, this, share);
    }

    public PlatformProfile profile() {
        return profile;
    }

    /**
     * Queue a flush. {@code since} is when the oldest change it will show was made ({@code nanoTime});
     * the oldest goes first. Asking again while queued only moves it earlier.
     */
    public void request(Paced paced, long since) {
        synchronized (this) {
            if (running.containsKey(paced)) {
                // Dispatched but not flushed yet: queuing it now would let it run twice in a row.
                Long asked = running.get(paced);
                running.put(paced, asked == null || since - asked < 0 ? since : asked);
                return;
            }
            Waiting waiting = queued.get(paced);
            if (waiting != null) {
                if (since - waiting.since() < 0) {
                    queue.remove(waiting);
                    Waiting earlier = new Waiting(paced, since, waiting.seq());
                    queue.add(earlier);
                    queued.put(paced, earlier);
                }
                return; // already waiting, and a wake-up is scheduled for it
            }
            Waiting added = new Waiting(paced, since, sequence++);
            queue.add(added);
            queued.put(paced, added);
        }
        scheduleAt(clock.getAsLong());
    }

    /**
     * The dispatched reply makes its platform call now: its permits count from this moment, not from
     * when they were granted. Rendering, a thread hand-off or a GC pause between the two must not let
     * the platform see more calls in a window than the budget allows. When the call has returned, the
     * permits are stamped once more with that time: the platform counts a call when it receives it,
     * which may be any time until then (network, a busy CPU), so windows count from the return.
     */
    public void sending(Paced paced) {
        long now = clock.getAsLong();
        synchronized (this) {
            RateBuckets.Grant granted = grantedAt.get(paced);
            if (granted != null) {
                granted.sending(now);
            }
        }
    }

    /**
     * The dispatched reply, granted permits for an edit, posts a new message instead: the permits of
     * budgets that count edits only go back (the platform never sees an edit for them).
     */
    public void postingInstead(Paced paced) {
        long now = clock.getAsLong();
        boolean freed = false;
        synchronized (this) {
            RateBuckets.Grant granted = grantedAt.get(paced);
            if (granted != null) {
                List<SlidingWindowLimiter> posting = buckets.of(paced.thread(), now, true);
                List<SlidingWindowLimiter> kept = new ArrayList<>();
                for (SlidingWindowLimiter b : granted.buckets) {
                    if (posting.contains(b)) {
                        kept.add(b);
                    } else {
                        b.refund(granted.at);
                        freed = true;
                    }
                }
                granted.buckets = kept;
            }
        }
        if (freed) {
            scheduleAt(now);
        }
    }

    /** A call made outside the queue (a reply's first post): takes a permit where one is free. */
    public synchronized void spend(ThreadKey thread) {
        long now = clock.getAsLong();
        for (SlidingWindowLimiter b : buckets.of(thread, now, true)) {
            if (b.available(now)) {
                b.take(now);
            }
        }
    }

    /** The platform answered "rate limited": every reply drawing from the same budgets waits. */
    public void penalize(ThreadKey thread, Duration retryAfter) {
        long now = clock.getAsLong();
        synchronized (this) {
            for (SlidingWindowLimiter b : buckets.of(thread, now, false)) {
                b.pause(now + retryAfter.toNanos(), now);
            }
        }
        scheduleAt(now + retryAfter.toNanos());
    }

    /** Replies waiting for a permit (for reports and tests). */
    public synchronized int waiting() {
        return queue.size();
    }

    public synchronized long dispatched() {
        return dispatched;
    }

    /**
     * Rate buckets held now (one per budget and scope, e.g. per thread). A bucket is dropped once its
     * window holds no call any more, so a platform's threads cost nothing after they go quiet.
     */
    public synchronized int rateBuckets() {
        return buckets.size();
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
            next = drain(now, ready, next);
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
            Long again;
            long now = clock.getAsLong();
            synchronized (this) {
                again = running.remove(p);
                RateBuckets.Grant granted = grantedAt.remove(p);
                if (granted != null) {
                    granted.returned(now);
                }
            }
            boolean waiters;
            synchronized (this) {
                waiters = !queue.isEmpty();
            }
            if (again != null) {
                request(p, again);
            } else if (waiters) {
                scheduleAt(now); // the returned call may free a permit someone waits for
            }
        }
    }

    /** Moves every queued reply that may run now into {@code ready}, oldest change first; returns the least wait of the rest. */
    private long drain(long now, List<Paced> ready, long leastWait) {
        long least = leastWait;
        Iterator<Waiting> it = queue.iterator();
        while (it.hasNext()) {
            Paced p = it.next().paced();
            long own = p.notBefore() - now;
            if (own > 0) {
                least = Math.min(least, own);
                continue;
            }
            List<SlidingWindowLimiter> bs = buckets.of(p.thread(), now, p.posting());
            long wait = 0;
            for (SlidingWindowLimiter b : bs) {
                wait = Math.max(wait, b.nanosUntilPermit(now));
            }
            if (wait > 0) {
                least = Math.min(least, wait);
                continue;
            }
            for (SlidingWindowLimiter b : bs) {
                b.take(now, true);
            }
            it.remove();
            queued.remove(p);
            ready.add(p);
            running.put(p, null);
            grantedAt.put(p, new RateBuckets.Grant(now, bs));
        }
        return least;
    }
}
