package io.nemobot.reply;

import io.nemobot.chat.CallUse;
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
import java.util.function.DoubleSupplier;
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
 * finished part losing it) ask with a later time and go when the budget has room. Each call draws on the
 * budgets of what it does ({@link CallUse}): growing a native stream, rewriting, closing a stream (which,
 * when its own budget is spent, goes as a rewrite). A reply's final may use the permits a budget keeps
 * in reserve for finals. This class is the queue; which buckets a call draws from, and dropping idle
 * ones, is {@link RateBuckets}'s.
 */
public final class EditPacer {
    private static final Logger LOG = LoggerFactory.getLogger(EditPacer.class);
    /** What a "rate limited" answer pauses: every call on existing messages (the core cannot tell which method it was). */
    private static final List<CallUse> EDITS = List.of(CallUse.EDIT, CallUse.APPEND, CallUse.CLOSE);

    /** Something that wants to write to the platform when allowed. */
    public interface Paced {
        ThreadKey thread();

        /** Earliest {@code nanoTime} this may run (its own per-message interval). */
        long notBefore();

        /** Does one platform call. Runs on the sender executor. */
        void flush();

        /** What that call will do, which decides the budgets it draws on. */
        default CallUse use() {
            return CallUse.EDIT;
        }

        /** Whether that call shows the reply's final text (it may use the permits kept for finals). */
        default boolean finalCall() {
            return false;
        }
    }

    private final PlatformProfile profile;
    private final ScheduledExecutorService scheduler;
    private final Executor sender;
    private final LongSupplier clock;
    private final RateBuckets buckets;
    /** WaitingReply replies that may be able to go now, oldest change first (ties in order of asking). */
    private final TreeSet<WaitingReply> queue = new TreeSet<>();
    /**
     * WaitingReply replies that cannot go before a known time (their own interval, or a spent budget), earliest
     * first. A pass looks only at the replies due: the time a budget or interval frees up is exact, and
     * only later for calls made meanwhile, so a reply is looked at when it may go, not on every pass (a
     * thousand replies waiting on spent budgets would otherwise be scanned whenever any reply may go).
     * A reply that asks again (new text, now a final) is looked at again.
     */
    private final TreeSet<WaitingReply> parked = new TreeSet<>(WaitingReply.BY_UNTIL); // removal by key: O(log n) when one asks again
    private final Map<Paced, WaitingReply> queued = new HashMap<>();
    /** Parked replies due within this much of a pass are looked at in it (times a few nanoseconds apart by rounding go together). */
    private static final long DUE_WINDOW = TimeUnit.MILLISECONDS.toNanos(1);
    /** Handed to the sender, flush not returned yet, with the change time it asked again with meanwhile (or null). */
    private final Map<Paced, Long> running = new HashMap<>();
    /** When each dispatched reply's permits were last stamped, until its call has returned (see {@link #sending}). */
    private final Map<Paced, RateBuckets.Grant> grantedAt = new HashMap<>();
    private long sequence;

    private ScheduledFuture<?> wakeUp;
    private long wakeUpAt;
    private long dispatched;

    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock) {
        this(profile, scheduler, sender, nanoClock, () -> 1.0);
    }

    /** {@code share}: the part of every budget this process may use (a fleet of n processes: 1/n each). */
    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock,
            DoubleSupplier share) {
        this.profile = profile;
        this.scheduler = scheduler;
        this.sender = sender;
        this.clock = nanoClock;
        this.buckets = new RateBuckets(profile, scheduler, nanoClock, share, this);
    }

    public PlatformProfile profile() {
        return profile;
    }

    /**
     * Queue a flush. {@code since} is when the oldest change it will show was made ({@code nanoTime});
     * the oldest goes first. Asking again while queued only moves it earlier.
     */
    public void request(Paced paced, long since) {
        long now = clock.getAsLong();
        long at;
        synchronized (this) {
            if (running.containsKey(paced)) {
                // Dispatched but not flushed yet: queuing it now would let it run twice in a row.
                Long asked = running.get(paced);
                running.put(paced, asked == null || since - asked < 0 ? since : asked);
                return;
            }
            WaitingReply waiting = queued.get(paced);
            if (waiting == null) {
                waiting = new WaitingReply(paced, since, sequence++);
                queue.add(waiting);
                queued.put(paced, waiting);
            } else {
                if (!queue.remove(waiting)) {
                    parked.remove(waiting); // asked again: it may go sooner now (a final may use the reserve)
                }
                if (since - waiting.since < 0) {
                    waiting = new WaitingReply(paced, since, waiting.seq);
                    queued.put(paced, waiting);
                }
                queue.add(waiting);
            }
            // Wake up when this one may go (it may be a final now, which the reserve lets through): a
            // reply that cannot go yet costs no scan of the queue.
            at = now + Math.max(0, Math.max(paced.notBefore() - now, waiting.choose(buckets, now).nanos()));
        }
        scheduleAt(at);
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
                List<SlidingWindowLimiter> posting = buckets.of(paced.thread(), now, CallUse.POST);
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
            synchronized (this) {
                queue.addAll(parked); // a permit came back: every parked reply may be able to go sooner
                parked.clear();
            }
            scheduleAt(now);
        }
    }

    /** A call made outside the queue (a reply's first post): takes a permit where one is free. */
    public synchronized void spend(ThreadKey thread) {
        long now = clock.getAsLong();
        for (SlidingWindowLimiter b : buckets.of(thread, now, CallUse.POST)) {
            if (b.available(now)) {
                b.take(now);
            }
        }
    }

    /** The platform answered "rate limited": every reply drawing from the same budgets waits. */
    public void penalize(ThreadKey thread, Duration retryAfter) {
        long now = clock.getAsLong();
        synchronized (this) {
            for (CallUse use : EDITS) {
                for (SlidingWindowLimiter b : buckets.of(thread, now, use)) {
                    b.pause(now + retryAfter.toNanos(), now);
                }
            }
        }
        scheduleAt(now + retryAfter.toNanos());
    }

    /** Replies waiting for a permit (for reports and tests). */
    public synchronized int waiting() {
        return queue.size() + parked.size();
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
            // A returned call frees no permit (it counts from its return), so nobody else is woken here.
            if (again != null) {
                request(p, again);
            }
        }
    }

    /** Moves every queued reply that may run now into {@code ready}, oldest change first; returns the least wait of the rest. */
    private long drain(long now, List<Paced> ready, long leastWait) {
        while (!parked.isEmpty() && parked.first().until - now <= DUE_WINDOW) {
            queue.add(parked.pollFirst());
        }
        Iterator<WaitingReply> it = queue.iterator();
        while (it.hasNext()) {
            WaitingReply w = it.next();
            Paced p = w.paced;
            long wait = Math.max(0, p.notBefore() - now);
            WaitingReply.Choice choice = wait > 0 ? null : w.choose(buckets, now);
            if (choice != null) {
                wait = choice.nanos();
            }
            if (wait > 0) {
                it.remove();
                w.until = now + wait;
                parked.add(w);
                continue;
            }
            boolean finalCall = p.finalCall();
            for (SlidingWindowLimiter b : choice.buckets()) {
                b.take(now, true, finalCall);
            }
            it.remove();
            queued.remove(p);
            ready.add(p);
            running.put(p, null);
            grantedAt.put(p, new RateBuckets.Grant(now, choice.buckets(), finalCall));
        }
        return parked.isEmpty() ? leastWait : Math.min(leastWait, Math.max(0, parked.first().until - now));
    }
}
