package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.outbound.SlackTier;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The Slack adapter's side of the tiers (what its SlackBudgets does), kept apart from the platform's
 * own count: a permit is taken before a call, per method and workspace (per channel for
 * {@code chat.postMessage}), in a rolling window a quarter second longer than Slack's, so a call that
 * reaches the platform a little later is still inside Slack's window. A bot that paces itself here
 * draws no refusals; one that does not is refused by {@link BenchPlatform}.
 */
final class SlackPacing {
    private static final long MARGIN_NANOS = 250_000_000L;

    private final Rules rules;
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();

    SlackPacing(Rules rules) {
        this.rules = rules;
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
        return w.size() < tier.permits() ? 0 : w.peekFirst() + period - now;
    }
}
