package io.nemobot.reply;

import io.nemobot.chat.CallUse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A reply waiting in the {@link EditPacer}: when its oldest unshown change was made (the queue's order,
 * oldest first, ties in order of asking), where it is parked ({@link ParkedReplies}), and the buckets its
 * calls drew on last (looked up again when a sweep dropped any bucket). Guarded by the pacer's lock.
 */
final class WaitingReply implements Comparable<WaitingReply> {
    /**
     * Parked replies, earliest time to look again first ({@code nanoTime} values: by difference), then in
     * order of asking: a total order, so a parked reply is found (and removed) by itself. Its {@code until}
     * changes only while it is out of the parked set.
     */
    static final Comparator<WaitingReply> BY_UNTIL = (a, b) -> {
        long d = a.until - b.until;
        return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.seq, b.seq);
    };

    /**
     * The buckets a call will draw on, how long until each has a permit for it, and the one that holds
     * it back longest ({@code blocker}, null when it may go now). {@code finalCall}: the call shows the
     * reply's final text (it may use the permits kept for finals).
     */
    record Choice(List<SlidingWindowLimiter> buckets, long nanos, SlidingWindowLimiter blocker, boolean finalCall) {
    }

    final EditPacer.Paced paced;
    final long since;
    final long seq;
    /** While parked on its own time: when to look at it again ({@code nanoTime}). */
    long until;
    /** The line it is parked in (null: not parked, or parked on its own time). */
    ParkedReplies.Line line;
    /** The line it was woken from, until the pacer has looked at it. */
    ParkedReplies.Line wokenFrom;
    @SuppressWarnings("unchecked")
    private final List<SlidingWindowLimiter>[] byUse = new List[CallUse.values().length];
    private long generation = -1;

    WaitingReply(EditPacer.Paced paced, long since, long seq) {
        this.paced = paced;
        this.since = since;
        this.seq = seq;
    }

    @Override
    public int compareTo(WaitingReply o) {
        long d = since - o.since; // nanoTime values: compare by difference
        return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(seq, o.seq);
    }

    /** The buckets the reply's next call draws on and its wait; a stream's close goes as an edit when that is sooner. */
    Choice choose(RateBuckets buckets, long now) {
        CallUse use = paced.use();
        boolean finalCall = paced.finalCall();
        Choice choice = choice(bucketsOf(buckets, use, now), now, finalCall);
        if (choice.nanos > 0 && use == CallUse.CLOSE) {
            Choice instead = choice(bucketsOf(buckets, CallUse.EDIT, now), now, finalCall);
            if (instead.nanos < choice.nanos) {
                return instead;
            }
        }
        return choice;
    }

    private List<SlidingWindowLimiter> bucketsOf(RateBuckets buckets, CallUse use, long now) {
        if (generation != buckets.generation()) {
            Arrays.fill(byUse, null);
            generation = buckets.generation();
        }
        List<SlidingWindowLimiter> bs = byUse[use.ordinal()];
        if (bs == null) {
            bs = buckets.of(paced.thread(), now, use);
            byUse[use.ordinal()] = bs;
        }
        return bs;
    }

    private static Choice choice(List<SlidingWindowLimiter> bs, long now, boolean finalCall) {
        long wait = 0;
        SlidingWindowLimiter blocker = null;
        for (SlidingWindowLimiter b : bs) {
            long w = b.nanosUntilPermit(now, finalCall);
            if (w > wait) {
                wait = w;
                blocker = b;
            }
        }
        return new Choice(bs, wait, blocker, finalCall);
    }
}
