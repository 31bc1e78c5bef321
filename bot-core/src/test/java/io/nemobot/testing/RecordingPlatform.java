package io.nemobot.testing;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A chat platform that records every call and keeps each message's current content, like the real
 * thing would show it. Faults can be injected per call. Thread-safe.
 */
public final class RecordingPlatform implements ChatPlatform {
    /** One call the core made. */
    public record Call(String kind, ThreadKey thread, String messageId, OutgoingMessage content, long atNanos) {
    }

    private final PlatformProfile profile;
    private final List<Call> calls = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private final Map<String, OutgoingMessage> messages = new LinkedHashMap<>();
    private final Map<String, ThreadKey> threadOf = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private Function<Call, ChatPlatformException> faults = c -> null;
    private java.util.function.Consumer<Call> listener = c -> { };

    public RecordingPlatform(PlatformProfile profile) {
        this.profile = profile;
    }

    /** A fast profile for tests: 2,000 characters, 20 ms between edits, no shared budget. */
    public static RecordingPlatform fast(String name) {
        return new RecordingPlatform(new PlatformProfile(name, 2000, Duration.ofMillis(20), List.of()));
    }

    public static RecordingPlatform withBudget(String name, int maxLength, EditBudget... budgets) {
        return new RecordingPlatform(new PlatformProfile(name, maxLength, Duration.ofMillis(20), List.of(budgets)));
    }

    /** Injects a fault: the function sees each call before it happens and may return an exception to throw. */
    public synchronized void faults(Function<Call, ChatPlatformException> value) {
        this.faults = value;
    }

    /** Sees every call as it is made (after the fault check). */
    public synchronized void onCall(java.util.function.Consumer<Call> value) {
        this.listener = value;
    }

    @Override
    public PlatformProfile profile() {
        return profile;
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        return new Thread(key);
    }

    /** Every status line shown, in order ({@code ""} for a cleared one). */
    public synchronized List<String> statuses() {
        return new ArrayList<>(statuses);
    }

    public synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The messages of a thread, in posting order, as currently shown. */
    public synchronized List<OutgoingMessage> messages(ThreadKey thread) {
        return messages.entrySet().stream().filter(e -> threadOf.get(e.getKey()).equals(thread))
                .map(Map.Entry::getValue).collect(Collectors.toList());
    }

    /** The texts of a thread's messages joined with newlines. */
    public String transcript(ThreadKey thread) {
        return messages(thread).stream().map(OutgoingMessage::text).collect(Collectors.joining("\n"));
    }

    public synchronized long count(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).count();
    }

    /** What message {@code id} shows now. */
    public synchronized OutgoingMessage message(String id) {
        OutgoingMessage shown = messages.get(id);
        if (shown == null) {
            throw new IllegalArgumentException("no message " + id);
        }
        return shown;
    }

    /** The ids of the messages posted in a thread, in order. */
    public synchronized List<String> posted(ThreadKey thread) {
        return calls.stream().filter(c -> c.kind().equals("post") && c.thread().equals(thread)).map(Call::messageId)
                .collect(Collectors.toList());
    }

    /**
     * A message that is there already, posted by another process (a bot killed before this one started):
     * this platform shows it and takes edits of it like one of its own. Ids posted here stay distinct.
     */
    public synchronized void existing(ThreadKey thread, String id, OutgoingMessage content) {
        messages.put(id, content);
        threadOf.put(id, thread);
        if (id.matches("m\\d+")) {
            ids.accumulateAndGet(Integer.parseInt(id.substring(1)), Math::max);
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
            String id = "m" + ids.incrementAndGet();
            record("post", id, message);
            synchronized (RecordingPlatform.this) {
                messages.put(id, message);
                threadOf.put(id, key);
            }
            return new MessageHandle(id);
        }

        @Override
        public void edit(MessageHandle handle, OutgoingMessage content) {
            record("edit", handle.id(), content);
            update(handle, content);
        }

        @Override
        public void finish(MessageHandle handle, OutgoingMessage content) {
            record("finish", handle.id(), content);
            update(handle, content);
        }

        private void update(MessageHandle handle, OutgoingMessage content) {
            synchronized (RecordingPlatform.this) {
                if (!messages.containsKey(handle.id())) {
                    throw new ChatPlatformException(ChatPlatformException.Kind.GONE, "unknown message");
                }
                messages.put(handle.id(), content);
            }
        }

        private void record(String kind, String id, OutgoingMessage content) {
            Call call = new Call(kind, key, id, content, System.nanoTime());
            ChatPlatformException fault;
            synchronized (RecordingPlatform.this) {
                fault = faults.apply(call);
                calls.add(call);
                listener.accept(call);
            }
            if (fault != null) {
                throw fault;
            }
        }

        @Override
        public void status(String statusOrNull) {
            synchronized (RecordingPlatform.this) {
                statuses.add(statusOrNull == null ? "" : statusOrNull);
            }
        }

        @Override
        public String mention(io.nemobot.chat.Author author) {
            return "<@" + author.id() + ">";
        }
    }
}
