package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import java.util.HashMap;
import java.util.Map;

/**
 * One Slack thread as the adapter's SlackChatThread writes into it, reduced to which Web API method
 * each port call becomes: a reply without buttons starts a native stream ({@code chat.startStream}) when
 * that budget has room, else it is posted ({@code chat.postMessage}); an edit that extends a stream
 * appends ({@code chat.appendStream}, or {@code chat.update} when only that has room, which ends the
 * stream); finishing stops the stream ({@code chat.stopStream}, else {@code chat.update}); any other
 * edit is a {@code chat.update}; the progress line goes to {@code assistant.threads.setStatus}, skipped
 * when its budget is spent, and is never cleared by hand (Slack clears it when the reply lands, which
 * {@link BenchPlatform} models). Every call first takes its permit from {@link SlackPacing}, as the adapter does.
 * Streams' lifetime roll-over and Slack closing a stream are not modelled.
 */
final class SlackBenchThread implements ChatThread {
    private static final long LONGEST_WAIT_MS = 300_000;

    private final PlatformCalls platform;
    private final SlackPacing pacing;
    private final ThreadKey key;
    /** Open streams of this thread: message id → the text shown so far. */
    private final Map<String, String> streams = new java.util.concurrent.ConcurrentHashMap<>();
    /** What each message of this thread shows (a finish that changes nothing sends nothing). */
    private final Map<String, String> shown = new HashMap<>();

    SlackBenchThread(BenchPlatform platform, ThreadKey key) {
        this(platform::call, platform.pacing, key);
    }

    /** A thread whose calls go to {@code platform} (a fleet node's forwarder), paced by {@code pacing}. */
    SlackBenchThread(PlatformCalls platform, SlackPacing pacing, ThreadKey key) {
        this.platform = platform;
        this.pacing = pacing;
        this.key = key;
    }

    @Override
    public ThreadKey key() {
        return key;
    }

    @Override
    public synchronized MessageHandle post(OutgoingMessage message) {
        if (message.actions().isEmpty() && !message.text().contains("<@") && pacing.tryTake("chat.startStream", key)) {
            String id = platform.call("post", "chat.startStream", key, null, message);
            streams.put(id, message.text());
            shown.put(id, message.text());
            return new MessageHandle(id);
        }
        pacing.take("chat.postMessage", key, LONGEST_WAIT_MS);
        String id = platform.call("post", "chat.postMessage", key, null, message);
        shown.put(id, message.text());
        return new MessageHandle(id);
    }

    @Override
    public synchronized void edit(MessageHandle message, OutgoingMessage content) {
        write(message.id(), content, false);
    }

    @Override
    public synchronized void finish(MessageHandle message, OutgoingMessage content) {
        write(message.id(), content, true);
    }

    @Override
    public boolean finishRequired() {
        return true;
    }

    @Override
    public void status(String statusOrNull) {
        if (statusOrNull == null || !pacing.tryTake("assistant.threads.setStatus", key)) {
            return;
        }
        try {
            platform.call("status", "assistant.threads.setStatus", key, null, null);
        } catch (ChatPlatformException e) {
            // best effort, as in the adapter
        }
    }

    @Override
    public boolean streaming(MessageHandle message) {
        return streams.containsKey(message.id());
    }

    @Override
    public String mention(Author author) {
        return "<@" + author.id() + ">";
    }

    private void write(String id, OutgoingMessage content, boolean last) {
        String text = content.text();
        String stream = streams.get(id);
        if (stream != null) {
            boolean appends = text.startsWith(stream) && !text.contains("<@") && (last || content.actions().isEmpty());
            if (appends && continueStream(id, content, last)) {
                shown.put(id, text);
                return;
            }
            streams.remove(id);
        } else if (last && text.equals(shown.get(id))) {
            return;
        }
        pacing.take("chat.update", key, LONGEST_WAIT_MS);
        platform.call(last ? "finish" : "edit", "chat.update", key, id, content);
        shown.put(id, text);
    }

    /** Writes through the open stream; false when the message must be updated instead. */
    private boolean continueStream(String id, OutgoingMessage content, boolean last) {
        String text = content.text();
        OutgoingMessage whole = OutgoingMessage.of(text);
        if (last) {
            if (!pacing.tryTake("chat.stopStream", key)) {
                return false;
            }
            platform.call("finish", "chat.stopStream", key, id, content);
            streams.remove(id);
            return true;
        }
        if (text.length() == streams.get(id).length()) {
            return true;
        }
        if (!pacing.tryTake("chat.appendStream", key)) {
            if (pacing.hasRoom("chat.update", key)) {
                return false;
            }
            pacing.take("chat.appendStream", key, LONGEST_WAIT_MS);
        }
        platform.call("edit", "chat.appendStream", key, id, whole);
        streams.put(id, text);
        return true;
    }
}
