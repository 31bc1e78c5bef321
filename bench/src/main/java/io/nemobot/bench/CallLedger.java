package io.nemobot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What a benchmark platform accepted and refused: calls by Web API method (or kind), refusals by the
 * rule that refused with how early the worst came, the first few refusals, and accepted calls per second.
 * Apart from {@link BenchPlatform}, which decides; every method here runs under the platform's lock,
 * except the per-second counts.
 */
final class CallLedger {
    private final long startNanos;
    private final Map<String, Long> refusedBy = new TreeMap<>();
    private final Map<String, Long> earliest = new TreeMap<>();
    private final Map<String, Long> calledBy = new TreeMap<>();
    private final List<String> refusals = new ArrayList<>();
    private final AtomicIntegerArray perSecond = new AtomicIntegerArray(3600);

    CallLedger(long startNanos) {
        this.startNanos = startNanos;
    }

    void refused(String rule, long wait, String kind, String thread, long now) {
        refusedBy.merge(rule, 1L, Long::sum);
        earliest.merge(rule, wait, Math::max);
        if (refusals.size() < 12) {
            refusals.add(String.format(Locale.ROOT, "%.3f s %s %s %d ms early", (now - startNanos) / 1e9, kind, thread,
                    wait / 1_000_000));
        }
    }

    void accepted(String method) {
        calledBy.merge(method, 1L, Long::sum);
    }

    /** An accepted call that shows something, at {@code now}. */
    void shown(long now) {
        int second = (int) ((now - startNanos) / 1_000_000_000L);
        if (second >= 0 && second < perSecond.length()) {
            perSecond.incrementAndGet(second);
        }
    }

    List<String> firstRefusals() {
        return List.copyOf(refusals);
    }

    Map<String, Long> calledBy() {
        return new TreeMap<>(calledBy);
    }

    Map<String, String> refusedBy() {
        Map<String, String> m = new TreeMap<>();
        refusedBy.forEach((rule, n) -> m.put(rule, n + " (up to " + Math.round(earliest.get(rule) / 1e6) + " ms early)"));
        return m;
    }

    int[] callsPerSecond() {
        int last = 0;
        for (int i = 0; i < perSecond.length(); i++) {
            if (perSecond.get(i) > 0) {
                last = i;
            }
        }
        int[] out = new int[last + 1];
        for (int i = 0; i <= last; i++) {
            out[i] = perSecond.get(i);
        }
        return out;
    }
}
