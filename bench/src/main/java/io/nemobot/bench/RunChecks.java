package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a conversation run checks and measures once it is over, from what the platforms hold and what
 * the simulator emitted: chunk → platform lag against the fair share, and every conversation's final
 * state (the whole reply once, nothing lost, nothing doubled, nothing unexpected). Shared by the
 * one-process runs ({@link ConversationRun}) and the fleet runs ({@link FleetRun}).
 */
final class RunChecks {
    private final List<Plan.Conv> plans;
    private final Map<ThreadKey, Integer> convOf;
    private final Function<Plan.Conv, BenchPlatform> platformOf;

    RunChecks(List<Plan.Conv> plans, Map<ThreadKey, Integer> convOf, Function<Plan.Conv, BenchPlatform> platformOf) {
        this.plans = plans;
        this.convOf = convOf;
        this.platformOf = platformOf;
    }

    /** Chunk → platform lag for every chunk: first seen on the platform minus first emitted by the simulator. */
    void measureLag(RunResult.Builder r, Map<Long, Long> emitted, long t0) {
        for (Plan.Conv c : plans) {
            Long first = emitted.get(Tokens.key(c.index(), 0));
            if (first != null && c.steps().get(0) instanceof Plan.Pause p) {
                r.streamStarts.add(first - p.millis() * 1_000_000L - t0);
            }
            BenchPlatform p = platformOf.apply(c);
            List<Long> lags = r.lags.computeIfAbsent(c.platform(), k -> new ArrayList<>());
            for (int k = 0; k < c.tokens(); k++) {
                Long e = emitted.get(Tokens.key(c.index(), k));
                long f = p.firstSeen(c.thread(), k);
                if (e == null) {
                    r.unemitted++;
                } else if (f == Long.MIN_VALUE) {
                    r.unseen++;
                } else {
                    lags.add(f - e);
                }
            }
        }
        for (String name : List.of("discord", "slack")) {
            Rules rules = name.equals("discord") ? Rules.discord() : Rules.slack();
            long convs = plans.stream().filter(c -> c.platform().equals(name)).count();
            if (convs == 0) {
                continue;
            }
            Map<String, Integer> busiest = new HashMap<>();
            for (Rules.Budget b : rules.budgets()) {
                Map<String, Integer> perScope = new HashMap<>();
                for (Plan.Conv c : plans) {
                    if (c.platform().equals(name)) {
                        perScope.merge(b.scope().apply(c.thread()), 1, Integer::sum);
                    }
                }
                busiest.put(b.name(), perScope.values().stream().max(Integer::compare).orElse(0));
            }
            r.fairShare.put(name, rules.fairShareSeconds(b -> busiest.get(b.name())));
            r.convsOn.put(name, (int) convs);
        }
    }

    /** Diagnostics: every call to the traced workspace, with how long the oldest chunk it showed had waited. */
    void printTrace(List<BenchPlatform> platforms, Map<Long, Long> emitted, long t0) {
        for (BenchPlatform p : platforms) {
            for (BenchPlatform.Traced t : p.traced()) {
                int conv = convOf.getOrDefault(t.thread(), -1);
                long oldest = Long.MAX_VALUE;
                for (int k : t.firstShown()) {
                    Long e = emitted.get(Tokens.key(conv, k));
                    if (e != null) {
                        oldest = Math.min(oldest, e);
                    }
                }
                System.err.printf(java.util.Locale.ROOT, "[ws] %7.3f %-6s conv %4d %-8s new %3d waited %s%n",
                        (t.atNanos() - t0) / 1e9, t.kind(), conv, conv < 0 ? "-" : plans.get(conv).kind(), t.firstShown().size(),
                        oldest == Long.MAX_VALUE ? "-" : String.format(java.util.Locale.ROOT, "%.3f", (t.atNanos() - oldest) / 1e9));
            }
        }
    }

    /**
     * Every conversation's final state. A conversation whose turn a surviving process explained (its
     * process died in it) is checked for what still matters: the explanation once, no chunk twice, no
     * second link; the chunks the explanation replaced are not counted lost.
     */
    void checkFinals(RunResult.Builder r) {
        for (Plan.Conv c : plans) {
            List<String> msgs = platformOf.apply(c).messages(c.thread());
            long explanations = msgs.stream().filter(m -> m.contains(DoneWatch.EXPLAINED)).count();
            List<String> problems = new ArrayList<>();
            boolean lost = false;
            boolean doubled = false;
            if (c.tokens() > 0) {
                int[] seen = new int[c.tokens()];
                List<Integer> order = new ArrayList<>();
                StringBuilder reply = new StringBuilder();
                for (String m : msgs) {
                    int before = order.size();
                    Tokens.forEach(m, k -> {
                        int chunk = Tokens.chunk(k);
                        if (Tokens.conv(k) == c.index() && chunk < seen.length) {
                            seen[chunk]++;
                            order.add(chunk);
                        }
                    });
                    if (order.size() > before) {
                        reply.append(m).append(' ');
                        if (m.contains("⏳")) {
                            problems.add("progress line left in the final text");
                        }
                    }
                }
                int missing = 0;
                int twice = 0;
                for (int k = 0; k < seen.length; k++) {
                    if (seen[k] == 0) {
                        lost = true;
                        missing++;
                    } else if (seen[k] > 1) {
                        doubled = true;
                        twice++;
                    }
                }
                if ((missing > 0 && explanations == 0) || twice > 0) {
                    problems.add(missing + " of " + seen.length + " chunks missing, " + twice + " shown more than once, "
                            + msgs.size() + " messages, last: " + abbreviate(msgs.isEmpty() ? "" : msgs.get(msgs.size() - 1)));
                }
                for (int i = 1; i < order.size(); i++) {
                    if (order.get(i) < order.get(i - 1)) {
                        problems.add("chunks out of order");
                        break;
                    }
                }
                if (!lost && !doubled && explanations == 0 && !normalize(reply.toString()).equals(normalize(c.expected()))) {
                    problems.add("reply text differs from the stream's text");
                }
            }
            if (c.kind() == Plan.Kind.SILENT) {
                long n = msgs.stream().filter(m -> m.contains("\"" + c.label() + "\"")).count();
                lost |= n == 0;
                doubled |= n > 1;
            }
            if (c.kind() == Plan.Kind.EXPORT) {
                long links = msgs.stream().filter(m -> m.contains("Your video is ready") && m.contains("/cdn/render_")).count();
                long rendered = msgs.stream().filter(m -> m.equals("✅ Rendered.")).count();
                lost |= links == 0 || rendered == 0;
                doubled |= links > 1 || rendered > 1;
            }
            for (String m : msgs) {
                if (m.contains("📥")) {
                    r.queuedNotices++;
                } else if (m.contains(DoneWatch.EXPLAINED)) {
                    continue;
                } else if (m.contains("⚠️") || m.contains("❌") || m.contains("🎬 On it")) {
                    problems.add("unexpected message: " + abbreviate(m));
                }
            }
            if (explanations > 0) {
                if (explanations > 1) {
                    problems.add("explained " + explanations + " times");
                }
                r.explainedChecked(c, doubled, problems);
            } else {
                r.finalChecked(c, lost, doubled, problems);
            }
        }
    }

    /** The first few conversations that did not end, with what their threads show. */
    void notDone(RunResult.Builder r, DoneWatch watch) {
        for (Plan.Conv c : plans) {
            if (watch.doneAt(c.index()) == 0 && r.notDone.size() < 6) {
                List<String> msgs = platformOf.apply(c).messages(c.thread());
                r.notDone.add("conversation " + c.index() + " (" + c.kind() + ", " + c.platform() + ") not done: "
                        + msgs.size() + " messages, last: " + abbreviate(msgs.isEmpty() ? "-" : msgs.get(msgs.size() - 1)));
            }
        }
    }

    private static String normalize(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 80) + "…" : one;
    }
}
