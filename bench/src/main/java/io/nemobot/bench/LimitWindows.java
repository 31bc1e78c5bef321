package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A benchmark platform's rolling windows, as {@link Rules} set them: with Slack's tiers, one per Web API
 * method and workspace ({@code chat.postMessage} per channel); otherwise one per budget and scope, plus the
 * per-message interval. "At most P calls in any period T", the strictest reading. Apart from
 * {@link BenchPlatform}, which answers the call; every method here runs under the platform's lock.
 */
final class LimitWindows {
    /** How long until a call is within every limit (0: now), and the rule that holds it back. */
    record Verdict(long nanos, String rule) {
    }

    private final Rules rules;
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();

    LimitWindows(Rules rules) {
        this.rules = rules;
    }

    /** {@code lastAt}: when the message was last written (ignored for a post or a call without a message). */
    Verdict check(String method, boolean post, ThreadKey key, Long lastAt, long now) {
        long wait = 0;
        String rule = null;
        if (rules.tiers() != null) {
            long period = rules.tiers().of(method).orElseThrow().period().toNanos();
            ArrayDeque<Long> w = window(rules.scope(method, key), period, now);
            if (w.size() >= rules.tiers().of(method).orElseThrow().permits()) {
                return new Verdict(w.peekFirst() + period - now, method);
            }
            return new Verdict(0, null);
        }
        if (!post && lastAt != null && now - lastAt < rules.minEdit().toNanos()) {
            wait = lastAt + rules.minEdit().toNanos() - now;
            rule = "per-message interval";
        }
        for (Rules.Budget b : rules.budgets()) {
            if (post && !b.posts()) {
                continue;
            }
            long period = b.period().toNanos();
            ArrayDeque<Long> w = window(b.name() + "|" + b.scope().apply(key), period, now);
            if (w.size() >= b.permits() && w.peekFirst() + period - now > wait) {
                wait = w.peekFirst() + period - now;
                rule = b.name();
            }
        }
        return new Verdict(wait, rule);
    }

    /** An accepted call counts in every window it draws on. */
    void record(String method, boolean post, ThreadKey key, long now) {
        if (rules.tiers() != null) {
            windows.get(rules.scope(method, key)).addLast(now);
            return;
        }
        for (Rules.Budget b : rules.budgets()) {
            if (!post || b.posts()) {
                windows.get(b.name() + "|" + b.scope().apply(key)).addLast(now);
            }
        }
    }

    private ArrayDeque<Long> window(String scope, long period, long now) {
        ArrayDeque<Long> w = windows.computeIfAbsent(scope, k -> new ArrayDeque<>());
        while (!w.isEmpty() && now - w.peekFirst() >= period) {
            w.removeFirst();
        }
        return w;
    }
}
