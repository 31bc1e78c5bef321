package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A chat platform that enforces its {@link Rules} the way the real one would (a call over a limit
 * is refused with "rate limited, retry after ..."), keeps every message's current content, and
 * time-stamps when each chunk token first reaches it. In {@link Mode#UNPACED} the core is told there
 * are no limits, nothing is refused, and the calls the real limits would have refused are counted.
 */
public final class BenchPlatform implements ChatPlatform {
    public enum Mode {
        /** The core knows the real budgets; the platform refuses what breaks them. */
        ENFORCE,
        /** The core is told there are no budgets (one edit per chunk); refusals are only counted. */
        UNPACED
    }

    /** One accepted call. */
    public record Call(String kind, ThreadKey thread, String messageId, String text, long atNanos) {
    }

    private final Rules rules;
    private final Mode mode;
    private final long latencyMillis;
    private final PlatformProfile profile;
    private final Object lock = new Object();
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();
    private final Map<String, Msg> messages = new HashMap<>();
    private final Map<ThreadKey, List<String>> threadMessages = new HashMap<>();
    private final Map<ThreadKey, Tracked> tracked = new ConcurrentHashMap<>();
    /** The Slack adapter's own pacing (its SlackBudgets), shared by every thread of this platform. */
    final SlackPacing pacing;
    private final Map<ThreadKey, SlackBenchThread> slackThreads = new ConcurrentHashMap<>();
    private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, Long> refusedBy = new TreeMap<>();
    private final Map<String, Long> earliest = new TreeMap<>();
    private final Map<String, Long> calledBy = new TreeMap<>();
    private final List<String> refusals = new ArrayList<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong edits = new AtomicLong();
    private final AtomicLong refusedPosts = new AtomicLong();
    private final AtomicLong refusedEdits = new AtomicLong();
    private final AtomicLong tooLong = new AtomicLong();
    private final AtomicLong misrouted = new AtomicLong();
    private final long startNanos = System.nanoTime();
    /** A thread id whose calls are printed to stderr (diagnostics: -Dbench.trace=th0). */
    private static final String TRACE = System.getProperty("bench.trace");
    /** A workspace whose calls are kept for {@link #traced} (diagnostics: -Dbench.traceWorkspace=T3). */
    private static final String TRACE_WORKSPACE = System.getProperty("bench.traceWorkspace");
    /** Traced calls: time, kind, thread, the chunk indices each first showed. */
    public record Traced(long atNanos, String kind, ThreadKey thread, List<Integer> firstShown) {
    }

    private final List<Traced> traced = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicIntegerArray perSecond = new java.util.concurrent.atomic.AtomicIntegerArray(3600);

    private static final class Msg {
        final ThreadKey thread;
        String text;
        long lastAt;

        Msg(ThreadKey thread, String text, long at) {
            this.thread = thread;
            this.text = text;
            this.lastAt = at;
        }
    }

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

    public BenchPlatform(Rules rules, Mode mode, long latencyMillis) {
        this.rules = rules;
        this.mode = mode;
        this.latencyMillis = latencyMillis;
        this.profile = mode == Mode.ENFORCE ? rules.profile() : rules.unpacedProfile();
        this.pacing = rules.tiers() == null ? null : new SlackPacing(rules);
    }

    public Rules rules() {
        return rules;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public PlatformProfile profile() {
        return profile;
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        return rules.tiers() != null && mode == Mode.ENFORCE ? slackThreads.computeIfAbsent(key, k -> new SlackBenchThread(this, k))
                : new Thread(key);
    }

    /** Time-stamps the chunk tokens of conversation {@code conv} in this thread. */
    public void track(ThreadKey thread, int conv, int tokens) {
        tracked.put(thread, new Tracked(conv, tokens));
    }

    /** Told of every accepted call, on the caller's thread. */
    public void listen(Consumer<Call> listener) {
        listeners.add(listener);
    }

    /** When chunk {@code chunk} of the thread first reached the platform, or {@link Long#MIN_VALUE}. */
    public long firstSeen(ThreadKey thread, int chunk) {
        Tracked t = tracked.get(thread);
        synchronized (lock) {
            return t == null || chunk >= t.firstSeen.length ? Long.MIN_VALUE : t.firstSeen[chunk];
        }
    }

    /** The thread's messages as shown now, in posting order. */
    public List<String> messages(ThreadKey thread) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (String id : threadMessages.getOrDefault(thread, List.of())) {
                out.add(messages.get(id).text);
            }
            return out;
        }
    }

    /** Accepted calls in each second since this platform was made, up to the last non-zero one. */
    public int[] callsPerSecond() {
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

    public long posts() {
        return posts.get();
    }

    /** Edits and finishes. */
    public long edits() {
        return edits.get();
    }

    public long refusedPosts() {
        return refusedPosts.get();
    }

    public long refusedEdits() {
        return refusedEdits.get();
    }

    public long tooLong() {
        return tooLong.get();
    }

    /** Chunk tokens of another conversation found in a thread (cross-talk). */
    public long misrouted() {
        return misrouted.get();
    }

    /** The first refusals: when (since this platform was made), what, where, how early. */
    public List<String> firstRefusals() {
        synchronized (lock) {
            return List.copyOf(refusals);
        }
    }

    /** Accepted calls by Web API method (Slack) or kind. */
    public Map<String, Long> calledBy() {
        synchronized (lock) {
            return new TreeMap<>(calledBy);
        }
    }

    /** Refusals (or, unpaced, would-be refusals) by the rule that refused, with how early the worst one came. */
    public Map<String, String> refusedBy() {
        synchronized (lock) {
            Map<String, String> m = new TreeMap<>();
            refusedBy.forEach((rule, n) -> m.put(rule, n + " (up to " + Math.round(earliest.get(rule) / 1e6) + " ms early)"));
            return m;
        }
    }

    String call(String kind, ThreadKey key, String messageId, OutgoingMessage content) {
        return call(kind, null, key, messageId, content);
    }

    /**
     * One call as the platform receives it. {@code method} (Slack's Web API method) names the tier it
     * draws on when the rules have tiers; {@code kind} says what it does to the message (post, edit,
     * finish). A {@code null} content is a call that shows no text (the assistant status).
     */
    String call(String kind, String method, ThreadKey key, String messageId, OutgoingMessage content) {
        long now;
        if (method == null && rules.tiers() != null) {
            method = kind.equals("post") ? "chat.postMessage" : "chat.update"; // one edit per chunk: no streams
        }
        boolean status = content == null;
        String text = status ? "" : content.text();
        boolean post = kind.equals("post");
        String id;
        ChatPlatformException refusal = null;
        synchronized (lock) {
            // Received when the platform takes it up: calls are handled one at a time, in order (a time
            // taken before waiting for the lock could be older than calls already counted).
            now = System.nanoTime();
            if (text.length() > rules.maxLength()) {
                tooLong.incrementAndGet();
                refusal = new ChatPlatformException(ChatPlatformException.Kind.TOO_LONG, "msg_too_long");
            }
            Msg msg = post || status ? null : messages.get(messageId);
            if (refusal == null && !post && !status && msg == null) {
                refusal = new ChatPlatformException(ChatPlatformException.Kind.GONE, "unknown message");
            }
            long wait = 0;
            String rule = null;
            if (refusal == null && rules.tiers() != null) {
                ArrayDeque<Long> w = windows.computeIfAbsent(rules.scope(method, key), k -> new ArrayDeque<>());
                long period = rules.tiers().of(method).orElseThrow().period().toNanos();
                while (!w.isEmpty() && now - w.peekFirst() >= period) {
                    w.removeFirst();
                }
                if (w.size() >= rules.tiers().of(method).orElseThrow().permits()) {
                    wait = w.peekFirst() + period - now;
                    rule = method;
                }
            } else if (refusal == null) {
                if (!post && now - msg.lastAt < rules.minEdit().toNanos()) {
                    wait = msg.lastAt + rules.minEdit().toNanos() - now;
                    rule = "per-message interval";
                }
                for (Rules.Budget b : rules.budgets()) {
                    if (post && !b.posts()) {
                        continue;
                    }
                    ArrayDeque<Long> w = windows.computeIfAbsent(b.name() + "|" + b.scope().apply(key), k -> new ArrayDeque<>());
                    long period = b.period().toNanos();
                    while (!w.isEmpty() && now - w.peekFirst() >= period) {
                        w.removeFirst();
                    }
                    if (w.size() >= b.permits()) {
                        long until = w.peekFirst() + period - now;
                        if (until > wait) {
                            wait = until;
                            rule = b.name();
                        }
                    }
                }
            }
            if (rule != null) {
                refusedBy.merge(rule, 1L, Long::sum);
                earliest.merge(rule, wait, Math::max);
                if (refusals.size() < 12) {
                    refusals.add(String.format(java.util.Locale.ROOT, "%.3f s %s %s %d ms early", (now - startNanos) / 1e9,
                            kind, key.thread(), wait / 1_000_000));
                }
                (post || status ? refusedPosts : refusedEdits).incrementAndGet();
                if (mode == Mode.ENFORCE) {
                    long millis = Math.max(1, (wait + 999_999) / 1_000_000);
                    if (rules.retryInWholeSeconds()) {
                        millis = (millis + 999) / 1000 * 1000;
                    }
                    refusal = ChatPlatformException.rateLimited(Duration.ofMillis(millis));
                }
            }
            if (refusal == null) {
                calledBy.merge(method == null ? kind : method, 1L, Long::sum);
            }
            if (refusal != null) {
                id = null;
            } else if (status) {
                id = null;
                if (rule == null) {
                    windows.get(rules.scope(method, key)).addLast(now);
                }
            } else {
                if (rule == null && rules.tiers() != null) {
                    windows.get(rules.scope(method, key)).addLast(now);
                } else if (rule == null) {
                    for (Rules.Budget b : rules.budgets()) {
                        if (!post || b.posts()) {
                            windows.get(b.name() + "|" + b.scope().apply(key)).addLast(now);
                        }
                    }
                }
                if (post) {
                    id = "m" + ids.incrementAndGet();
                    messages.put(id, new Msg(key, text, now));
                    threadMessages.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                    posts.incrementAndGet();
                } else {
                    id = messageId;
                    msg.text = text;
                    if (rule == null) {
                        msg.lastAt = now;
                    }
                    edits.incrementAndGet();
                }
                List<Integer> shown = stamp(key, text, now);
                trace(kind, key, shown == null ? List.of() : shown, now);
                int second = (int) ((now - startNanos) / 1_000_000_000L);
                if (second >= 0 && second < perSecond.length()) {
                    perSecond.incrementAndGet(second);
                }
            }
        }
        if (latencyMillis > 0) {
            try {
                java.lang.Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }
        if (TRACE != null && (TRACE.equals("*") || key.thread().equals(TRACE))) {
            System.err.printf("[trace] %s %.3f %s %s %s len=%d refused=%s%n", key.thread(), (now - startNanos) / 1e9, kind, method, id,
                    text.length(), refusal == null ? "-" : refusal.getMessage());
        }
        if (refusal != null) {
            throw refusal;
        }
        if (status) {
            return null;
        }
        Call call = new Call(kind, key, id, text, now);
        for (Consumer<Call> l : listeners) {
            l.accept(call);
        }
        return id;
    }

    /** The calls kept for the traced workspace, in order. */
    public List<Traced> traced() {
        synchronized (lock) {
            return List.copyOf(traced);
        }
    }

    /** Under the lock. */
    private List<Integer> stamp(ThreadKey key, String text, long now) {
        Tracked t = tracked.get(key);
        if (t == null) {
            return null;
        }
        List<Integer> shown = TRACE_WORKSPACE != null && TRACE_WORKSPACE.equals(key.workspace()) ? new ArrayList<>() : null;
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
        return shown;
    }

    /** Under the lock: keeps the call if its workspace is traced. */
    private void trace(String kind, ThreadKey key, List<Integer> shown, long now) {
        if (TRACE_WORKSPACE != null && TRACE_WORKSPACE.equals(key.workspace())) {
            traced.add(new Traced(now, kind, key, shown));
        }
    }

    private final class Thread implements ChatThread {
        private final ThreadKey key;

        Thread(ThreadKey key) {
            this.key = key;
        }

        @Override
        public ThreadKey key() {
            return key;
        }

        @Override
        public MessageHandle post(OutgoingMessage message) {
            return new MessageHandle(call("post", key, null, message));
        }

        @Override
        public void edit(MessageHandle message, OutgoingMessage content) {
            call("edit", key, message.id(), content);
        }

        @Override
        public void finish(MessageHandle message, OutgoingMessage content) {
            call("finish", key, message.id(), content);
        }

        @Override
        public String mention(Author author) {
            return "<@" + author.id() + ">";
        }
    }
}
