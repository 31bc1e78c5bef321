package io.nemobot.bench;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A chat platform that enforces its {@link Rules} the way the real one would (a call over a limit
 * is refused with "rate limited, retry after ..."), keeps every message's current content
 * ({@link ShownMessages}), and
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
    private final LimitWindows limits;
    private final ShownMessages shown = new ShownMessages();
    /** The Slack adapter's own pacing (its SlackBudgets), shared by every thread of this platform. */
    final SlackPacing pacing;
    private final Map<ThreadKey, SlackBenchThread> slackThreads = new ConcurrentHashMap<>();
    private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong edits = new AtomicLong();
    private final AtomicLong refusedPosts = new AtomicLong();
    private final AtomicLong refusedEdits = new AtomicLong();
    private final AtomicLong tooLong = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final ChunkStamps stamps = new ChunkStamps();
    private final CallLedger ledger = new CallLedger(startNanos);
    /** A thread id whose calls are printed to stderr ({@code *}: all; diagnostics: -Dbench.trace=th0). */
    private static final String TRACE = System.getProperty("bench.trace");

    /** Traced calls: time, kind, thread, the chunk indices each first showed. */
    public record Traced(long atNanos, String kind, ThreadKey thread, List<Integer> firstShown) {
    }

    public BenchPlatform(Rules rules, Mode mode, long latencyMillis) {
        this.rules = rules;
        this.mode = mode;
        this.latencyMillis = latencyMillis;
        this.profile = mode == Mode.ENFORCE ? rules.profile() : rules.unpacedProfile();
        this.pacing = rules.tiers() == null ? null : new SlackPacing(rules);
        this.limits = new LimitWindows(rules);
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
                : new PlainThread(key, this::call);
    }

    /** Time-stamps the chunk tokens of conversation {@code conv} in this thread. */
    public void track(ThreadKey thread, int conv, int tokens) {
        stamps.track(thread, conv, tokens);
    }

    /** Told of every accepted call, on the caller's thread. */
    public void listen(Consumer<Call> listener) {
        listeners.add(listener);
    }

    /** When chunk {@code chunk} of the thread first reached the platform, or {@link Long#MIN_VALUE}. */
    public long firstSeen(ThreadKey thread, int chunk) {
        synchronized (lock) {
            return stamps.firstSeen(thread, chunk);
        }
    }

    /** The thread's messages as shown now, in posting order. */
    public List<String> messages(ThreadKey thread) {
        synchronized (lock) {
            return shown.texts(thread);
        }
    }

    /** Accepted calls in each second since this platform was made, up to the last non-zero one. */
    public int[] callsPerSecond() {
        return ledger.callsPerSecond();
    }

    /** Threads whose assistant status still shows (set, and no reply landed since). */
    public int statusesShowing() {
        synchronized (lock) {
            return shown.statusesShowing();
        }
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
        return stamps.misrouted();
    }

    /** The first refusals: when (since this platform was made), what, where, how early. */
    public List<String> firstRefusals() {
        synchronized (lock) {
            return ledger.firstRefusals();
        }
    }

    /** Accepted calls by Web API method (Slack) or kind. */
    public Map<String, Long> calledBy() {
        synchronized (lock) {
            return ledger.calledBy();
        }
    }

    /** Refusals (or, unpaced, would-be refusals) by the rule that refused, with how early the worst one came. */
    public Map<String, String> refusedBy() {
        synchronized (lock) {
            return ledger.refusedBy();
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
            ShownMessages.Msg msg = post || status ? null : shown.get(messageId);
            if (refusal == null && !post && !status && msg == null) {
                refusal = new ChatPlatformException(ChatPlatformException.Kind.GONE, "unknown message");
            }
            long wait = 0;
            String rule = null;
            if (refusal == null) {
                LimitWindows.Verdict verdict = limits.check(method, post || status, key, msg == null ? null : msg.lastAt, now);
                wait = verdict.nanos();
                rule = verdict.rule();
            }
            if (rule != null) {
                ledger.refused(rule, wait, kind, key.thread(), now);
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
                ledger.accepted(method == null ? kind : method);
            }
            if (refusal != null) {
                id = null;
            } else if (status) {
                id = null;
                if (rule == null) {
                    limits.record(method, true, key, now);
                }
                shown.statusShown(key);
            } else {
                if (post || kind.equals("finish")) {
                    shown.replyLanded(key);
                }
                if (rule == null) {
                    limits.record(method, post, key, now);
                }
                if (post) {
                    id = shown.post(key, text, now);
                    posts.incrementAndGet();
                } else {
                    id = messageId;
                    msg.text = text;
                    if (rule == null) {
                        msg.lastAt = now;
                    }
                    edits.incrementAndGet();
                }
                stamps.shown(kind, key, text, now);
                ledger.shown(now);
            }
        }
        PlainThread.latency(latencyMillis);
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
            return stamps.traced();
        }
    }
}
