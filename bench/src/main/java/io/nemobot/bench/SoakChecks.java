package io.nemobot.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a soak conversation must have left in its thread: every chunk once and in order, the reply's
 * whole text (text and export turns), the timeline change (silent turns), the cut notice and one
 * Retry offer (cut streams), "✅ Rendered." and one link (exports), and nothing else.
 */
final class SoakChecks {
    /** In the message offering a Retry after a cut stream (messages_en: recovery.failed). */
    static final String RETRY_OFFERED = "couldn't confirm";
    /** In the notice appended to a cut stream's reply (messages_en: stream.cut). */
    static final String CUT_NOTICE = "connection to the video service dropped";
    static final String LINK = "Your video is ready";

    private SoakChecks() {
    }

    /** "📥 queued" notices in the thread: not a problem (a message that came while a turn was ending), counted apart. */
    static int queuedNotices(List<String> msgs) {
        return (int) msgs.stream().filter(m -> m.contains("📥")).count();
    }

    /** The problems of a conversation's thread (empty: all as it should be). */
    static List<String> problems(SoakPlan.Conv c, List<String> msgs) {
        List<String> p = new ArrayList<>();
        if (c.tokens() > 0) {
            tokens(c, msgs, p);
        }
        for (String m : msgs) {
            if (m.contains("⏳")) {
                p.add("progress line left: " + abbreviate(m));
            }
            if (m.contains("🎬 On it")) {
                p.add("acknowledgement left: " + abbreviate(m));
            }
            if (c.kind() != SoakPlan.Kind.CUT && (m.contains("⚠️") || m.contains("❌"))) {
                p.add("unexpected message: " + abbreviate(m));
            }
        }
        switch (c.kind()) {
            case SILENT -> once(msgs, "\"" + c.label() + "\"", "the timeline change", p);
            case CUT -> {
                once(msgs, CUT_NOTICE, "the cut notice", p);
                once(msgs, RETRY_OFFERED, "the Retry offer", p);
            }
            case EXPORT -> {
                once(msgs, "✅ Rendered.", "\"✅ Rendered.\"", p);
                once(msgs, LINK, "the link", p);
            }
            case TEXT -> {
            }
        }
        return p;
    }

    private static void tokens(SoakPlan.Conv c, List<String> msgs, List<String> p) {
        int[] seen = new int[c.tokens()];
        List<Integer> order = new ArrayList<>();
        StringBuilder reply = new StringBuilder();
        for (String m : msgs) {
            int before = order.size();
            Tokens.forEach(m, k -> {
                if (Tokens.conv(k) != c.index()) {
                    p.add("a token of conversation " + Tokens.conv(k) + " in this thread");
                } else if (Tokens.chunk(k) < seen.length) {
                    seen[Tokens.chunk(k)]++;
                    order.add(Tokens.chunk(k));
                }
            });
            if (order.size() > before) {
                reply.append(m).append(' ');
            }
        }
        int missing = 0;
        int twice = 0;
        for (int n : seen) {
            missing += n == 0 ? 1 : 0;
            twice += n > 1 ? 1 : 0;
        }
        if (missing > 0 || twice > 0) {
            p.add(missing + " of " + seen.length + " chunks missing, " + twice + " shown more than once");
            return;
        }
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i) < order.get(i - 1)) {
                p.add("chunks out of order");
                return;
            }
        }
        if (c.expected() != null && !normalize(reply.toString()).equals(normalize(c.expected()))) {
            p.add("reply text differs from the stream's: " + abbreviate(reply.toString()));
        }
    }

    private static void once(List<String> msgs, String what, String name, List<String> p) {
        long n = msgs.stream().filter(m -> m.contains(what)).count();
        if (n != 1) {
            p.add(name + " shown " + n + " times");
        }
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 100) + "…" : one;
    }
}
