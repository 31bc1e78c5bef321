package io.nemobot.bench;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A chat platform for the soak run. It enforces the same {@link Rules} as {@link BenchPlatform} (a
 * call over a limit is refused with "rate limited, retry after …"), but counts its windows on the
 * soak's simulated ticker, and it keeps a thread's messages only while the thread is open: the
 * driver opens a thread when its conversation starts and forgets it once checked. Its own memory is
 * therefore flat however many threads pass through, which the soak's heap measurement relies on.
 * Calls to a thread that is not open are accepted and counted as late (nothing should come).
 */
final class SoakPlatform implements ChatPlatform {
    private static final String TRACE = System.getProperty("bench.trace");
    private final Rules rules;
    private final LongSupplier nanos;
    private final long latencyMillis;
    private final Consumer<BenchPlatform.Call> listener;
    private final Object lock = new Object();
    /** Calls in each budget's current window, by budget and scope; empty windows are dropped. */
    private final Map<String, ArrayDeque<Long>> windows = new HashMap<>();
    private final Map<ThreadKey, List<Msg>> open = new HashMap<>();
    private final Map<String, Msg> byId = new HashMap<>();
    private final Map<String, Long> refusedBy = new TreeMap<>();
    /** The first few late calls: when (ticker), what, where. */
    private final List<String> lateSamples = new ArrayList<>();
    private long ids;
    private long posts;
    private long edits;
    private long late;
    private long tooLong;
    private long sinceSweep;

    private static final class Msg {
        final String id;
        final ThreadKey thread;
        String text;
        long lastAt;

        Msg(String id, ThreadKey thread, String text, long at) {
            this.id = id;
            this.thread = thread;
            this.text = text;
            this.lastAt = at;
        }
    }

    /** {@code listener} is told of every accepted call to an open thread, on the caller's thread. */
    SoakPlatform(Rules rules, LongSupplier nanos, long latencyMillis, Consumer<BenchPlatform.Call> listener) {
        this.rules = rules;
        this.nanos = nanos;
        this.latencyMillis = latencyMillis;
        this.listener = listener;
    }

    @Override
    public PlatformProfile profile() {
        return rules.profile();
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        return new PlainThread(key, this::call);
    }

    Rules rules() {
        return rules;
    }

    /** Starts keeping the thread's messages. */
    void open(ThreadKey thread) {
        synchronized (lock) {
            open.put(thread, new ArrayList<>());
        }
    }

    /** The thread's messages as shown now, in posting order (empty when it is not open). */
    List<String> messages(ThreadKey thread) {
        synchronized (lock) {
            List<String> out = new ArrayList<>();
            for (Msg m : open.getOrDefault(thread, List.of())) {
                out.add(m.text);
            }
            return out;
        }
    }

    /** Stops keeping the thread: its messages are dropped, and a later call to it counts as late. */
    void forget(ThreadKey thread) {
        synchronized (lock) {
            List<Msg> msgs = open.remove(thread);
            if (msgs != null) {
                for (Msg m : msgs) {
                    byId.remove(m.id);
                }
            }
        }
    }

    /** Open threads and budget windows held now (what this platform itself keeps). */
    String held() {
        synchronized (lock) {
            return open.size() + " threads, " + byId.size() + " messages, " + windows.size() + " windows";
        }
    }

    long posts() {
        synchronized (lock) {
            return posts;
        }
    }

    long edits() {
        synchronized (lock) {
            return edits;
        }
    }

    /** Calls to a thread that was not open (after its conversation was checked and forgotten). */
    long late() {
        synchronized (lock) {
            return late;
        }
    }

    List<String> lateSamples() {
        synchronized (lock) {
            return List.copyOf(lateSamples);
        }
    }

    long tooLong() {
        synchronized (lock) {
            return tooLong;
        }
    }

    Map<String, Long> refusedBy() {
        synchronized (lock) {
            return new TreeMap<>(refusedBy);
        }
    }

    long refused() {
        synchronized (lock) {
            return refusedBy.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private String call(String kind, ThreadKey key, String messageId, OutgoingMessage content) {
        String text = content.text();
        boolean post = kind.equals("post");
        String id;
        long now;
        boolean isOpen;
        synchronized (lock) {
            now = nanos.getAsLong();
            if (text.length() > rules.maxLength()) {
                tooLong++;
                throw new ChatPlatformException(ChatPlatformException.Kind.TOO_LONG, "msg_too_long");
            }
            Msg msg = post ? null : byId.get(messageId);
            isOpen = open.containsKey(key);
            if (!post && msg == null && isOpen) {
                throw new ChatPlatformException(ChatPlatformException.Kind.GONE, "unknown message");
            }
            long wait = refusal(post, key, msg, now);
            if (wait > 0) {
                throw ChatPlatformException.rateLimited(Duration.ofMillis(Math.max(1, (wait + 999_999) / 1_000_000)));
            }
            for (Rules.Budget b : rules.budgets()) {
                if (!post || b.posts()) {
                    windows.computeIfAbsent(b.name() + "|" + b.scope().apply(key), k -> new ArrayDeque<>()).addLast(now);
                }
            }
            if (++sinceSweep >= 500) {
                sweep(now);
            }
            if (post) {
                posts++;
                id = "m" + ++ids;
            } else {
                edits++;
                id = messageId;
            }
            if (!isOpen) {
                late++;
                if (lateSamples.size() < 4) {
                    lateSamples.add(kind + " in " + key.thread() + ": " + SoakChecks.abbreviate(text));
                }
            } else if (post) {
                Msg m = new Msg(id, key, text, now);
                byId.put(id, m);
                open.get(key).add(m);
            } else {
                msg.text = text;
                msg.lastAt = now;
            }
        }
        PlainThread.latency(latencyMillis);
        if (TRACE != null && key.thread().startsWith(TRACE)) {
            System.err.printf("[trace] %s %d real %d sim %s %s%n", key.thread(), System.nanoTime() / 1_000_000 % 100000,
                    now / 1_000_000 % 1000000, kind, SoakChecks.abbreviate(text));
        }
        if (isOpen) {
            listener.accept(new BenchPlatform.Call(kind, key, id, text, now));
        }
        return id;
    }

    /** Under the lock: how long until the call would be within every limit (0: now), counting a refusal. */
    private long refusal(boolean post, ThreadKey key, Msg msg, long now) {
        long wait = 0;
        String rule = null;
        if (msg != null && now - msg.lastAt < rules.minEdit().toNanos()) {
            wait = msg.lastAt + rules.minEdit().toNanos() - now;
            rule = "per-message interval";
        }
        for (Rules.Budget b : rules.budgets()) {
            if (post && !b.posts()) {
                continue;
            }
            ArrayDeque<Long> w = windows.get(b.name() + "|" + b.scope().apply(key));
            long period = b.period().toNanos();
            while (w != null && !w.isEmpty() && now - w.peekFirst() >= period) {
                w.removeFirst();
            }
            if (w != null && w.size() >= b.permits() && w.peekFirst() + period - now > wait) {
                wait = w.peekFirst() + period - now;
                rule = b.name();
            }
        }
        if (rule != null) {
            refusedBy.merge(rule, 1L, Long::sum);
        }
        return wait;
    }

    /** Under the lock: drops the windows whose calls have all left them. */
    private void sweep(long now) {
        sinceSweep = 0;
        long longest = rules.budgets().stream().mapToLong(b -> b.period().toNanos()).max().orElse(0);
        Iterator<ArrayDeque<Long>> it = windows.values().iterator();
        while (it.hasNext()) {
            ArrayDeque<Long> w = it.next();
            if (w.isEmpty() || now - w.peekLast() >= longest) {
                it.remove();
            }
        }
    }
}
