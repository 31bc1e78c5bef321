package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each chunk token of a tracked conversation first reached a benchmark platform, and tokens of
 * another conversation found in a thread (cross-talk). With {@code -Dbench.traceWorkspace=T3} the calls of
 * that workspace are kept too, with the chunks each first showed. Apart from {@link BenchPlatform}, which
 * enforces the limits; every method here runs under the platform's lock.
 */
final class ChunkStamps {
    /** A workspace whose calls are kept for {@link #traced} (diagnostics). */
    private static final String TRACE_WORKSPACE = System.getProperty("bench.traceWorkspace");

    private final Map<ThreadKey, Tracked> tracked = new ConcurrentHashMap<>();
    private final List<BenchPlatform.Traced> traced = new ArrayList<>();
    private final AtomicLong misrouted = new AtomicLong();

    /** A conversation whose chunk tokens are time-stamped. */
    private static final class Tracked {
        final int conv;
        final long[] firstSeen;

        Tracked(int conv, int tokens) {
            this.conv = conv;
            this.firstSeen = new long[tokens];
            Arrays.fill(firstSeen, Long.MIN_VALUE);
        }
    }

    void track(ThreadKey thread, int conv, int tokens) {
        tracked.put(thread, new Tracked(conv, tokens));
    }

    long firstSeen(ThreadKey thread, int chunk) {
        Tracked t = tracked.get(thread);
        return t == null || chunk >= t.firstSeen.length ? Long.MIN_VALUE : t.firstSeen[chunk];
    }

    long misrouted() {
        return misrouted.get();
    }

    List<BenchPlatform.Traced> traced() {
        return List.copyOf(traced);
    }

    /** A call showed {@code text} in the thread at {@code now}: stamps the chunks it shows first, keeps it if traced. */
    void shown(String kind, ThreadKey key, String text, long now) {
        Tracked t = tracked.get(key);
        List<Integer> shown = TRACE_WORKSPACE != null && TRACE_WORKSPACE.equals(key.workspace()) ? new ArrayList<>() : null;
        if (t == null) {
            if (shown != null) {
                traced.add(new BenchPlatform.Traced(now, kind, key, List.of()));
            }
            return;
        }
        Tokens.forEach(text, k -> {
            if (Tokens.conv(k) != t.conv) {
                misrouted.incrementAndGet();
                return;
            }
            int chunk = Tokens.chunk(k);
            if (chunk < t.firstSeen.length && t.firstSeen[chunk] == Long.MIN_VALUE) {
                t.firstSeen[chunk] = now;
                if (shown != null) {
                    shown.add(chunk);
                }
            }
        });
        if (shown != null) {
            traced.add(new BenchPlatform.Traced(now, kind, key, shown));
        }
    }
}
