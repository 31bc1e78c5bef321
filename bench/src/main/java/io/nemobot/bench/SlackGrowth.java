package io.nemobot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The one-workspace Slack runs' own figures: how often each reply visibly grew (calls that changed its
 * text, the first words and the completing call included, as the issue counts), when its final text showed, chunk → visible lag, and calls and
 * refusals by Web API method. Each conversation's calls come one at a time (its thread is serialized).
 */
final class SlackGrowth {
    private final int[] changes;
    private final String[] last;

    SlackGrowth(int conversations) {
        this.changes = new int[conversations];
        this.last = new String[conversations];
    }

    /** A call the platform accepted for a conversation not yet done. */
    void note(int conv, String text) {
        synchronized (this) {
            if (!text.isBlank() && !text.equals(last[conv])) {
                changes[conv]++;
                last[conv] = text;
            }
        }
    }

    synchronized List<String> report(List<Plan.Conv> plans, AtomicLongArray doneAt, long t0, Map<Long, Long> emitted,
            List<Long> chunkLags, BenchPlatform slack) {
        List<String> out = new ArrayList<>();
        int n = plans.size();
        long[] fromStart = new long[n];
        long[] afterLastChunk = new long[n];
        int[] grew = new int[n];
        int finished = 0;
        for (Plan.Conv c : plans) {
            long at = doneAt.get(c.index());
            // As the issue counts ("grew only twice: its first words, then the whole text"): every call that
            // changed the visible text, the first words and the completing call included.
            grew[c.index()] = changes[c.index()];
            if (at == 0) {
                fromStart[c.index()] = Long.MAX_VALUE;
                afterLastChunk[c.index()] = Long.MAX_VALUE;
                continue;
            }
            finished++;
            fromStart[c.index()] = at - t0;
            Long e = emitted.get(Tokens.key(c.index(), c.tokens() - 1));
            afterLastChunk[c.index()] = e == null ? Long.MAX_VALUE : at - e;
        }
        Arrays.sort(fromStart);
        Arrays.sort(afterLastChunk);
        Arrays.sort(grew);
        long[] lags = chunkLags.stream().mapToLong(Long::longValue).sorted().toArray();
        out.add(String.format(Locale.ROOT, "finished %d of %d; final text visible, from the mentions: p50 %s, p99 %s, last %s;"
                + " after the reply's last chunk left the backend: p50 %s, p99 %s", finished, n, s(fromStart, 0.5),
                s(fromStart, 0.99), s(fromStart, 1.0), s(afterLastChunk, 0.5), s(afterLastChunk, 0.99)));
        out.add(String.format(Locale.ROOT, "visible growths (first words and completing call included): median %d (min %d, max %d)",
                grew[(n - 1) / 2], grew[0], grew[n - 1]));
        out.add(String.format(Locale.ROOT, "chunk → visible lag: p50 %s, p95 %s, p99 %s, max %s (%d chunks)", s(lags, 0.5),
                s(lags, 0.95), s(lags, 0.99), s(lags, 1.0), lags.length));
        out.add("calls by method: " + slack.calledBy() + "; refused by method: "
                + (slack.refusedBy().isEmpty() ? "none" : slack.refusedBy()));
        return out;
    }

    /** The q-quantile of nanoseconds, in seconds ("never" for a reply that did not finish). */
    static String s(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        long v = sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
        return v == Long.MAX_VALUE ? "never" : String.format(Locale.ROOT, "%.3f s", v / 1e9);
    }
}
