package io.nemobot.testing;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One chat thread that records every call at the time of a hand-moved clock (so tests can check rate
 * limits against fake time) and shows each message's current content. Faults are injected per call;
 * a deleted message answers GONE, and a text above {@code refuseAbove} characters answers TOO_LONG,
 * like a platform whose real limit is lower than its profile says.
 */
public final class ClockedChat implements ChatThread {
    /** One call; {@code failed} when the platform refused it. */
    public record Call(String kind, String messageId, OutgoingMessage content, long atNanos, boolean failed) {
        public String text() {
            return content.text();
        }
    }

    private static final AtomicInteger IDS = new AtomicInteger();
    private final ThreadKey key;
    private final LongSupplier clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, OutgoingMessage> messages = new LinkedHashMap<>();
    private Function<Call, ChatPlatformException> faults = c -> null;
    private int refuseAbove = Integer.MAX_VALUE;

    public ClockedChat(ThreadKey key, LongSupplier clock) {
        this.key = key;
        this.clock = clock;
    }

    public static ClockedChat in(String thread, LongSupplier clock) {
        return new ClockedChat(new ThreadKey("test", "w1", "c1", thread), clock);
    }

    /** The function sees each call before it happens and may return the exception the platform throws. */
    public synchronized ClockedChat faults(Function<Call, ChatPlatformException> value) {
        this.faults = value;
        return this;
    }

    /** Refuse texts longer than this with TOO_LONG. */
    public synchronized ClockedChat refuseAbove(int chars) {
        this.refuseAbove = chars;
        return this;
    }

    /** Someone deleted the message: later edits answer GONE. */
    public synchronized void delete(String messageId) {
        messages.remove(messageId);
    }

    public synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Calls the platform carried out (not the refused ones). */
    public synchronized List<Call> accepted() {
        return calls.stream().filter(c -> !c.failed()).collect(Collectors.toList());
    }

    /** The messages as a reader sees them now, in posting order. */
    public synchronized List<String> shown() {
        return messages.values().stream().map(OutgoingMessage::text).collect(Collectors.toList());
    }

    public synchronized List<OutgoingMessage> shownMessages() {
        return new ArrayList<>(messages.values());
    }

    @Override
    public ThreadKey key() {
        return key;
    }

    @Override
    public MessageHandle post(OutgoingMessage message) {
        String id = "m" + IDS.incrementAndGet();
        record("post", id, message);
        synchronized (this) {
            messages.put(id, message);
        }
        return new MessageHandle(id);
    }

    @Override
    public void edit(MessageHandle message, OutgoingMessage content) {
        record("edit", message.id(), content);
    }

    @Override
    public void finish(MessageHandle message, OutgoingMessage content) {
        record("finish", message.id(), content);
    }

    private void record(String kind, String id, OutgoingMessage content) {
        ChatPlatformException fault;
        synchronized (this) {
            Call attempt = new Call(kind, id, content, clock.getAsLong(), false);
            fault = faults.apply(attempt);
            if (fault == null && content.text().length() > refuseAbove) {
                fault = new ChatPlatformException(ChatPlatformException.Kind.TOO_LONG, "msg_too_long");
            }
            if (fault == null && !kind.equals("post") && !messages.containsKey(id)) {
                fault = new ChatPlatformException(ChatPlatformException.Kind.GONE, "message_not_found");
            }
            calls.add(fault == null ? attempt : new Call(kind, id, content, attempt.atNanos(), true));
            if (fault == null && !kind.equals("post")) {
                messages.put(id, content);
            }
        }
        if (fault != null) {
            throw fault;
        }
    }
}
