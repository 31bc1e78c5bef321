package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.outbound.SlackTier;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The Slack adapter's side of the tiers (what its SlackBudgets does), kept apart from the platform's
 * own count: a permit is taken before a call, per method and workspace (per channel for
 * {@code chat.postMessage}), in a rolling window a quarter second longer than Slack's, so a call that
 * reaches the platform a little later is still inside Slack's window. A bot that paces itself here
 * draws no refusals; one that does not is refused by {@link BenchPlatform}.
 *
 * <p>Each tier is the table's times this process's share, read at every count as the adapter reads it
 * ({@code SlackAdapter}: the options' share times {@code Conversations.budgetShare()}, the fleet's
 * 1 / live processes): {@code max(1, floor(permits × share))} in the tier's period.
 */
final class SlackPacing {
    private static final long MARGIN_NANOS = 250_000_000L;

    private final Rules rules;
    private final DoubleSupplier share;
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();

    /** The whole tiers (one process). */
    SlackPacing(Rules rules) {
        this(rules, () -> 1.0);
    }

    /** Every tier times {@code share}, read at every count (a fleet process: the core's live share). */
    SlackPacing(Rules rules, DoubleSupplier share) {
        this.rules = rules;
        this.share = share;
    }

    /** A tier's permits times the share now, at least 1 (SlackBudgets' rule). */
    int limit(SlackTier tier) {
        double s = share.getAsDouble();
        return s > 0 ? (int) Math.max(1, Math.min(tier.permits(), Math.floor(tier.permits() * Math.min(1.0, s) + 1e-9))) : 1;
    }

    /** Takes a permit if the method has room now. */
    synchronized boolean tryTake(String method, ThreadKey key) {
        long now = System.nanoTime();
        if (waitNanos(method, key, now) > 0) {
            return false;
        }
        windows.get(rules.scope(method, key)).addLast(now);
        return true;
    }

    /** Whether the method has room now (nothing taken). */
    synchronized boolean hasRoom(String method, ThreadKey key) {
        return waitNanos(method, key, System.nanoTime()) == 0;
    }

    /** Takes a permit, waiting for room at most {@code longestMillis}; then the call goes anyway. */
    void take(String method, ThreadKey key, long longestMillis) {
        long deadline = System.nanoTime() + longestMillis * 1_000_000L;
        synchronized (this) {
            while (true) {
                long now = System.nanoTime();
                long wait = waitNanos(method, key, now);
                if (wait == 0 || now >= deadline) {
                    windows.get(rules.scope(method, key)).addLast(now);
                    return;
                }
                try {
                    long nanos = Math.min(wait, deadline - now);
                    wait(Math.max(1, nanos / 1_000_000L), (int) (nanos % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private long waitNanos(String method, ThreadKey key, long now) {
        SlackTier tier = rules.tiers().of(method).orElseThrow();
        ArrayDeque<Long> w = windows.computeIfAbsent(rules.scope(method, key), k -> new ArrayDeque<>());
        long period = tier.period().toNanos() + MARGIN_NANOS;
        while (!w.isEmpty() && now - w.peekFirst() >= period) {
            w.removeFirst();
        }
        int limit = limit(tier);
        if (w.size() < limit) {
            return 0;
        }
        // room once all but limit - 1 calls have left (more than the oldest when the share just shrank)
        java.util.Iterator<Long> calls = w.iterator();
        long leaves = calls.next();
        for (int i = 0; i < w.size() - limit; i++) {
            leaves = calls.next();
        }
        return Math.max(1, leaves + period - now);
    }
}
