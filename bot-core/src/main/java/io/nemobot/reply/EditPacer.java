package io.nemobot.reply;

import io.nemobot.chat.CallUse;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
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
 * in reserve for finals. This class is the queue; where a reply that cannot go yet waits, and who is
 * woken when a permit frees, is {@link ParkedReplies}'s; which buckets a call draws from, and dropping
 * idle ones, is {@link RateBuckets}'s.
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
    private final Executor sender;
    private final LongSupplier clock;
    private final RateBuckets buckets;
    private final WakeUp wakeUp;
    private final FleetSlotWaits slots;
    /** Replies to look at in the next pass, oldest change first (ties in order of asking). */
    private final TreeSet<WaitingReply> queue = new TreeSet<>();
    /** Replies that cannot go yet, each where it waits: only those that may go are looked at. */
    private final ParkedReplies parked;
    private final Map<Paced, WaitingReply> queued = new HashMap<>();
    private final InFlight running = new InFlight();
    private long sequence;
    private long dispatched;

    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock) {
        this(profile, scheduler, sender, nanoClock, () -> 1.0);
    }

    /** {@code share}: the part of every budget this process may use (a fleet of n processes: 1/n each). */
    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock,
            DoubleSupplier share) {
        this(profile, scheduler, sender, nanoClock, share, FleetSlotWaits.NONE);
    }

    /** As above; {@code slots}: each call first waits for its fleet-wide slots ({@link FleetSlotWaits}). */
    public EditPacer(PlatformProfile profile, ScheduledExecutorService scheduler, Executor sender, LongSupplier nanoClock,
            DoubleSupplier share, FleetSlotWaits slots) {
        this.slots = slots;
        this.profile = profile;
        this.sender = sender;
        this.clock = nanoClock;
        this.buckets = new RateBuckets(profile, scheduler, nanoClock, share, this);
        this.parked = new ParkedReplies(buckets);
        this.wakeUp = new WakeUp(scheduler, nanoClock, this::pump);
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
        synchronized (this) {
            if (running.askedAgain(paced, since)) {
                return; // dispatched but not flushed yet: queued once its call has returned
            }
            WaitingReply waiting = queued.get(paced);
            if (waiting == null) {
                waiting = new WaitingReply(paced, since, sequence++);
                queued.put(paced, waiting);
            } else {
                if (!queue.remove(waiting)) {
                    parked.remove(waiting); // asked again: it may go sooner now (a final may use the reserve)
                }
                if (since - waiting.since < 0) {
                    waiting = new WaitingReply(paced, since, waiting.seq);
                    queued.put(paced, waiting);
                }
            }
            // Parked at once where it waits when it cannot go now: a reply that cannot go yet costs no pass.
            if (parked.parkIfWaiting(waiting, now) != null) {
                queue.add(waiting);
            }
            scheduleNext(now);
        }
    }

    /**
     * The dispatched reply makes its platform call now: its permits count from this moment, not from
     * when they were granted. Rendering, a thread hand-off or a GC pause between the two must not let
     * the platform see more calls in a window than the budget allows. When the call has returned, the
     * permits are stamped once more with that time: the platform counts a call when it receives it,
     * which may be any time until then (network, a busy CPU), so windows count from the return.
     */
    public void sending(Paced paced) {
        slots.await(profile, paced.thread(), paced.use()); // before the stamp: the call goes after the wait
        long now = clock.getAsLong();
        synchronized (this) {
            RateBuckets.Grant granted = running.grant(paced);
            if (granted != null) {
                granted.sending(now);
            }
        }
    }

    /**
     * The dispatched reply, granted permits for an edit, posts a new message instead: the permits of
     * budgets that count edits only go back (the platform never sees an edit for them), and the first
     * reply waiting for each is woken.
     */
    public void postingInstead(Paced paced) {
        slots.await(profile, paced.thread(), CallUse.POST);
        long now = clock.getAsLong();
        synchronized (this) {
            RateBuckets.Grant granted = running.grant(paced);
            if (granted == null) {
                return;
            }
            boolean woken = false;
            for (SlidingWindowLimiter b : granted.refundAllBut(buckets.of(paced.thread(), now, CallUse.POST))) {
                woken |= parked.freed(b, now);
            }
            if (woken) {
                wakeUp.at(now);
            }
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
            buckets.pauseEdits(thread, now + retryAfter.toNanos(), now);
            wakeUp.at(now + retryAfter.toNanos());
        }
    }

    /** Replies waiting for a permit (for reports and tests). */
    public synchronized int waiting() {
        return queue.size() + parked.size();
    }

    public synchronized long dispatched() {
        return dispatched;
    }

    /** For tests: a freed permit must not wake every parked reply. */
    synchronized long looks() {
        return parked.looks();
    }

    /**
     * Rate buckets held now (one per budget and scope, e.g. per thread). A bucket is dropped once its
     * window holds no call any more, so a platform's threads cost nothing after they go quiet.
     */
    public synchronized int rateBuckets() {
        return buckets.size();
    }

    /** Schedules the next pass: now when a reply may go, else at the earliest wake-up. Holds the lock. */
    private void scheduleNext(long now) {
        if (!queue.isEmpty()) {
            wakeUp.at(now);
        } else if (parked.hasWakeUp()) {
            wakeUp.at(parked.nextDue());
        }
    }

    private void pump() {
        List<Paced> ready = new ArrayList<>();
        long now = clock.getAsLong();
        synchronized (this) {
            wakeUp.started();
            drain(now, ready);
            dispatched += ready.size();
            scheduleNext(now);
        }
        for (Paced p : ready) {
            try {
                sender.execute(() -> flush(p));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Sender stopped; dropping a flush");
            }
        }
    }

    private void flush(Paced p) {
        try {
            p.flush();
        } finally {
            Long again;
            long now = clock.getAsLong();
            synchronized (this) {
                again = running.returned(p, now);
            }
            // A returned call frees no permit (it counts from its return), so nobody else is woken here.
            if (again != null) {
                request(p, again);
            }
        }
    }

    /** Moves every reply that may run now into {@code ready}, oldest change first, granting its permits; parks the rest. */
    private void drain(long now, List<Paced> ready) {
        parked.due(now, queue);
        WaitingReply w;
        while ((w = queue.pollFirst()) != null) {
            WaitingReply.Choice choice = parked.parkIfWaiting(w, now);
            if (choice != null) {
                queued.remove(w.paced);
                ready.add(w.paced);
                running.started(w.paced, RateBuckets.Grant.take(now, choice.buckets(), choice.finalCall()));
            }
            parked.looked(w, now, queue); // woken from a line: the next of it goes when the bucket frees
        }
    }
}
