package io.nemobot.reply;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The replies the {@link EditPacer} cannot let go yet, each parked where it waits, so that a pass looks
 * only at replies that may go. A reply held back by a spent budget waits in that bucket's line, oldest
 * change first (finals, which may use the permits kept for them, in a line of their own); when the bucket
 * frees, only the first of the line is woken, and the next one once the pacer has looked at it and the
 * bucket frees again. A thousand replies waiting on one budget cost a look or two per permit, not a
 * thousand. A reply held back by its own minimum interval waits on its own time. Guarded by the pacer's lock.
 */
final class ParkedReplies {
    /** Replies waiting for a permit of one bucket, for one kind of call, oldest change first. */
    static final class Line {
        private final Key key;
        private final long id;
        private final TreeSet<WaitingReply> waiters = new TreeSet<>();
        /** When the first waiter is woken ({@code nanoTime}), while {@code armed}. */
        private long at;
        private boolean armed;
        /** Its first waiter was woken and the pacer has not looked at it yet: the line is armed again after. */
        private boolean out;

        private Line(Key key, long id) {
            this.key = key;
            this.id = id;
        }
    }

    private record Key(SlidingWindowLimiter bucket, boolean finalCall) {
    }

    private static final Comparator<Line> BY_AT = (a, b) -> {
        long d = a.at - b.at; // nanoTime values: by difference
        return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(a.id, b.id);
    };

    /** Replies waiting on their own time, earliest first. */
    private final TreeSet<WaitingReply> timed = new TreeSet<>(WaitingReply.BY_UNTIL);
    /** Lines with a wake-up set, earliest first. */
    private final TreeSet<Line> armed = new TreeSet<>(BY_AT);
    /** Every line with a waiter, or whose first waiter is being looked at. */
    private final Map<Key, Line> lines = new HashMap<>();
    private final RateBuckets buckets;
    private long lineIds;
    private int size;
    /** Times a waiting reply's buckets were checked: a few per call made, however many replies wait. */
    private long looks;

    ParkedReplies(RateBuckets buckets) {
        this.buckets = buckets;
    }

    /**
     * Parks {@code w} where it waits when it cannot go now: on its own time while its minimum interval
     * runs (its buckets are checked when that ends), else behind the bucket that holds it back longest.
     * Returns its choice when it may go now.
     */
    WaitingReply.Choice parkIfWaiting(WaitingReply w, long now) {
        long own = w.paced.notBefore() - now;
        if (own > 0) {
            parkUntil(w, now + own);
            return null;
        }
        looks++;
        WaitingReply.Choice choice = w.choose(buckets, now);
        if (choice.nanos() > 0) {
            parkBehind(w, choice, now + choice.nanos());
            return null;
        }
        return choice;
    }

    /** Parks a reply that may not go before {@code until} whatever the budgets (its own interval). */
    private void parkUntil(WaitingReply w, long until) {
        w.until = until;
        timed.add(w);
        size++;
    }

    /** Parks a reply in the line of {@code choice}'s blocker, which has no permit for it before {@code until}. */
    private void parkBehind(WaitingReply w, WaitingReply.Choice choice, long until) {
        Line line = lines.computeIfAbsent(new Key(choice.blocker(), choice.finalCall()), k -> new Line(k, lineIds++));
        line.waiters.add(w);
        w.line = line;
        size++;
        if (!line.out && (!line.armed || until - line.at < 0)) {
            arm(line, until);
        }
    }

    /** Takes a reply out wherever it is parked (it asked again); false when it was not parked. */
    boolean remove(WaitingReply w) {
        Line line = w.line;
        if (line == null) {
            boolean was = timed.remove(w);
            size -= was ? 1 : 0;
            return was;
        }
        line.waiters.remove(w);
        w.line = null;
        size--;
        if (line.waiters.isEmpty() && !line.out) {
            drop(line);
        }
        return true;
    }

    /** Moves the replies due at {@code now} into {@code into}: those whose own time came, and the first of each line whose bucket frees. */
    void due(long now, Collection<WaitingReply> into) {
        while (!timed.isEmpty() && timed.first().until - now <= 0) {
            into.add(timed.pollFirst());
            size--;
        }
        while (!armed.isEmpty() && armed.first().at - now <= 0) {
            Line line = armed.pollFirst();
            line.armed = false;
            wake(line, into);
        }
    }

    /**
     * The pacer has looked at {@code w} (it went, or is parked again). When it was woken from a line,
     * that line's next waiter is woken when the bucket frees: at once into {@code into} if it has a
     * permit now.
     */
    void looked(WaitingReply w, long now, Collection<WaitingReply> into) {
        Line line = w.wokenFrom;
        if (line == null) {
            return;
        }
        w.wokenFrom = null;
        line.out = false;
        if (line.waiters.isEmpty()) {
            lines.remove(line.key);
            return;
        }
        long wait = line.key.bucket().nanosUntilPermit(now, line.key.finalCall());
        if (wait > 0) {
            arm(line, now + wait);
        } else {
            wake(line, into);
        }
    }

    /** A permit of {@code bucket} came back: the first waiter of each of its lines is woken at {@code now}. */
    boolean freed(SlidingWindowLimiter bucket, long now) {
        boolean any = false;
        for (boolean finalCall : new boolean[] {false, true}) {
            Line line = lines.get(new Key(bucket, finalCall));
            if (line != null && line.armed && line.at - now > 0) {
                arm(line, now);
                any = true;
            }
        }
        return any;
    }

    int size() {
        return size;
    }

    long looks() {
        return looks;
    }

    /** Whether any wake-up is set (a reply or a line waits). */
    boolean hasWakeUp() {
        return !timed.isEmpty() || !armed.isEmpty();
    }

    /** The earliest wake-up ({@code nanoTime}); only when {@link #hasWakeUp()}. */
    long nextDue() {
        if (timed.isEmpty()) {
            return armed.first().at;
        }
        long t = timed.first().until;
        return armed.isEmpty() || t - armed.first().at <= 0 ? t : armed.first().at;
    }

    private void wake(Line line, Collection<WaitingReply> into) {
        WaitingReply w = line.waiters.pollFirst();
        size--;
        w.line = null;
        w.wokenFrom = line;
        line.out = true;
        into.add(w);
    }

    private void arm(Line line, long at) {
        if (line.armed) {
            armed.remove(line);
        }
        line.at = at;
        line.armed = true;
        armed.add(line);
    }

    private void drop(Line line) {
        lines.remove(line.key);
        if (line.armed) {
            armed.remove(line);
            line.armed = false;
        }
    }
}
