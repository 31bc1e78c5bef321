package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Decides, from what reaches the platforms, when each conversation is done, and says when an export's
 * user should say "export" (once the reply is complete). A reply is complete once a call shows its last
 * chunk without a progress line (the final edit is skipped when the last edit already showed exactly
 * that); a silent turn once the timeline change shows; an export once its link is posted. A conversation
 * is also over when a call shows {@link #EXPLAINED}: a surviving process explaining a turn its dead
 * process left (the fleet runs); those are counted apart.
 */
final class DoneWatch {
    /** The start of the core's "restart.turn" message (English): the turn a process died in, explained. */
    static final String EXPLAINED = "I restarted while working on this";

    private final List<Plan.Conv> plans;
    private final Map<ThreadKey, Integer> convOf;
    private final SlackGrowth growth;
    private final Consumer<Plan.Conv> exportDue;
    private final AtomicLongArray doneAt;
    private final AtomicLongArray explainedAt;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger explained = new AtomicInteger();
    private final AtomicBoolean[] exportAsked;

    DoneWatch(List<Plan.Conv> plans, Map<ThreadKey, Integer> convOf, SlackGrowth growth, Consumer<Plan.Conv> exportDue) {
        this.plans = plans;
        this.convOf = convOf;
        this.growth = growth;
        this.exportDue = exportDue;
        this.doneAt = new AtomicLongArray(plans.size());
        this.explainedAt = new AtomicLongArray(plans.size());
        this.exportAsked = new AtomicBoolean[plans.size()];
        for (int i = 0; i < plans.size(); i++) {
            exportAsked[i] = new AtomicBoolean();
        }
    }

    /** Told of every accepted call. */
    void onCall(BenchPlatform.Call call) {
        Integer index = convOf.get(call.thread());
        if (index == null || doneAt.get(index) != 0) {
            return;
        }
        Plan.Conv c = plans.get(index);
        if (growth != null) {
            growth.note(index, call.text());
        }
        if (call.text().contains(EXPLAINED)) {
            if (explainedAt.compareAndSet(index, 0, call.atNanos())) {
                explained.incrementAndGet();
            }
            markDone(index, call.atNanos());
            return;
        }
        boolean replyComplete = c.tokens() > 0 && !call.text().contains("⏳")
                && hasToken(call.text(), c.index(), c.tokens() - 1);
        switch (c.kind()) {
            case TEXT, GENERATE -> {
                if (replyComplete) {
                    markDone(index, call.atNanos());
                }
            }
            case SILENT -> {
                if (call.text().contains("\"" + c.label() + "\"")) {
                    markDone(index, call.atNanos());
                }
            }
            case EXPORT -> {
                if (replyComplete && exportAsked[index].compareAndSet(false, true)) {
                    exportDue.accept(c);
                } else if (call.kind().equals("post") && call.text().contains("Your video is ready")) {
                    markDone(index, call.atNanos());
                }
            }
        }
    }

    private void markDone(int index, long at) {
        if (doneAt.compareAndSet(index, 0, at)) {
            done.incrementAndGet();
        }
    }

    int done() {
        return done.get();
    }

    boolean allDone() {
        return done.get() == plans.size();
    }

    /** When conversation {@code index} ended (System.nanoTime), 0 if it did not. */
    long doneAt(int index) {
        return doneAt.get(index);
    }

    /** Every conversation's end (System.nanoTime, 0 if it did not), live. */
    AtomicLongArray doneAtAll() {
        return doneAt;
    }

    /** Conversations ended by a survivor's explanation so far. */
    int explained() {
        return explained.get();
    }

    /** When a survivor explained conversation {@code index}'s turn, 0 if none did. */
    long explainedAt(int index) {
        return explainedAt.get(index);
    }

    /** The last end among the conversations that ended, in nanoseconds after {@code t0}. */
    long lastDone(long t0) {
        long last = 0;
        for (int i = 0; i < plans.size(); i++) {
            if (doneAt.get(i) != 0) {
                last = Math.max(last, doneAt.get(i) - t0);
            }
        }
        return last;
    }

    static boolean hasToken(String text, int conv, int chunk) {
        long want = Tokens.key(conv, chunk);
        boolean[] found = {false};
        Tokens.forEach(text, k -> found[0] |= k == want);
        return found[0];
    }
}
