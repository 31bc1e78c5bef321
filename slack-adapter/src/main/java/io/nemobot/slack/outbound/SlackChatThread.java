package io.nemobot.slack.outbound;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatStartStreamResponse;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes into one Slack thread, every call within its method's budget ({@link SlackBudgets}). A reply
 * without buttons starts as a native stream ({@code chat.startStream}) while that budget has room, else
 * it is posted ({@code chat.postMessage}); an edit that extends a stream appends the new part
 * ({@code chat.appendStream}); {@link #finish} closes the stream with the rest and the buttons
 * ({@code chat.stopStream}). When the method a stream needs has no room but {@code chat.update} has, or
 * the stream cannot do the edit (a rewrite, a stream Slack already closed or that ran for its lifetime),
 * the message is updated on the stream's {@code ts}, which ends the stream (Slack's way out of one) and
 * always shows the full text: no message is left half-written, and the reply goes on with updates.
 */
final class SlackChatThread implements ChatThread {
    private static final Logger log = LoggerFactory.getLogger(SlackChatThread.class);
    private static final Pattern TS = Pattern.compile("\\d+\\.\\d+");
    /** startStream answers that mean the workspace or token has no native streaming at all. */
    private static final Set<String> NO_STREAMING = Set.of("unknown_method", "not_allowed_token_type",
            "missing_scope", "method_deprecated", "feature_not_enabled", "not_allowed");

    private final ThreadKey key;
    private final MethodsClient client;
    private final LiveStreams streams;
    private final ThreadMemory memory;
    private final SlackBudgets budgets;

    SlackChatThread(ThreadKey key, MethodsClient client, LiveStreams streams, ThreadMemory memory,
            SlackBudgets budgets) {
        this.key = key;
        this.client = client;
        this.streams = streams;
        this.memory = memory;
        this.budgets = budgets;
    }

    @Override
    public ThreadKey key() {
        return key;
    }

    @Override
    public MessageHandle post(OutgoingMessage message) {
        if (streamable(message) && budgets.tryTake("chat.startStream", key)) {
            Optional<MessageHandle> streamed = startStream(message.text());
            if (streamed.isPresent()) {
                return streamed.get();
            }
        }
        ChatPostMessageResponse posted = budgets.run("chat.postMessage", key, () -> client.chatPostMessage(r -> r
                .channel(key.channel())
                .threadTs(threadTs().orElse(null))
                .text(MessageLayout.fallback(message))
                .blocks(MessageLayout.blocks(message))
                .unfurlLinks(false)
                .unfurlMedia(false)));
        streams.showing(key.channel(), posted.getTs(), message);
        return new MessageHandle(posted.getTs());
    }

    @Override
    public void edit(MessageHandle message, OutgoingMessage content) {
        write(message, content, false);
    }

    @Override
    public void finish(MessageHandle message, OutgoingMessage content) {
        write(message, content, true);
    }

    /** A native stream must be closed even when its last edit already showed the final text. */
    @Override
    public boolean finishRequired() {
        return true;
    }

    /**
     * Sets the assistant thread's status, only with a permit: a status that changes often is best effort,
     * skipped when its budget is spent (the next one takes its place). Clearing sends nothing: Slack
     * clears the status itself when the app's reply lands ("automatically cleared when the app sends a
     * reply"), and after two minutes without one; a clear of our own would only draw on the budget and
     * blank the status just before the final text shows.
     */
    @Override
    public void status(String statusOrNull) {
        Optional<String> threadTs = threadTs();
        if (statusOrNull == null || threadTs.isEmpty() || memory.statusRefused(key)
                || !budgets.tryTake("assistant.threads.setStatus", key)) {
            return;
        }
        try {
            budgets.taken("assistant.threads.setStatus", key, () -> client.assistantThreadsSetStatus(r -> r
                    .channelId(key.channel())
                    .threadTs(threadTs.get())
                    .status(statusOrNull)));
        } catch (ChatPlatformException e) {
            if (e.kind() != ChatPlatformException.Kind.RATE_LIMITED) {
                memory.refuseStatus(key);
                log.debug("No assistant status in {}: {}", key, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.debug("Assistant status failed in {}", key, e);
        }
    }

    /** Whether the message is a native stream this process is still writing: the core paces it as one. */
    @Override
    public boolean streaming(MessageHandle message) {
        return streams.find(key.channel(), message.id()).filter(LiveStream::isOpen).isPresent();
    }

    @Override
    public String mention(Author author) {
        return "<@" + author.id() + ">";
    }

    private void write(MessageHandle message, OutgoingMessage content, boolean last) {
        Optional<LiveStream> live = streams.find(key.channel(), message.id());
        if (live.isPresent()) {
            LiveStream stream = live.get();
            synchronized (stream) {
                if (stream.isOpen() && continueStream(stream, content, last)) {
                    streams.showing(key.channel(), message.id(), content);
                    return;
                }
                streams.forget(stream);
                update(message, content); // ends the stream if it was still open: Slack's way out of one
                return;
            }
        } else if (last && streams.shows(key.channel(), message.id(), content)) {
            return;
        }
        update(message, content);
    }

    /**
     * Writes through the open stream; false when the message must be updated instead: the edit rewrites
     * the text, the stream is closed or old, or its method has no budget while {@code chat.update} has.
     */
    private boolean continueStream(LiveStream stream, OutgoingMessage content, boolean last) {
        String text = content.text();
        boolean appends = text.startsWith(stream.text()) && !SlackMarkup.hasMention(text);
        if (!appends || (!last && !content.actions().isEmpty())) {
            streams.rewritten();
            return false;
        }
        if (!last && streams.expired(stream)) {
            return false; // rolls over to chat.update before Slack closes the stream
        }
        String delta = text.substring(stream.text().length());
        if (last) {
            if (!budgets.tryTake("chat.stopStream", key)) {
                return false;
            }
            boolean stopped = stopStream(stream, delta, content);
            if (stopped) {
                streams.completed();
            }
            return stopped;
        }
        if (delta.isEmpty()) {
            return true;
        }
        if (!budgets.tryTake("chat.appendStream", key)) {
            if (budgets.hasRoom("chat.update", key)) {
                return false; // the stream's budget is spent, chat.update's is not: carry the text that way
            }
            budgets.take("chat.appendStream", key, budgets.untilRoom("chat.appendStream", key).plusSeconds(1));
        }
        try {
            budgets.taken("chat.appendStream", key, () -> client.chatAppendStream(r -> r
                    .channel(stream.channel()).ts(stream.ts()).markdownText(delta)));
            stream.appended(delta, streams.now());
            return true;
        } catch (SlackError e) {
            return closedBySlack(stream, e);
        }
    }

    /** Stops the stream (its permit taken), adding {@code delta} and the buttons; false when it was already closed. */
    private boolean stopStream(LiveStream stream, String delta, OutgoingMessage content) {
        try {
            budgets.taken("chat.stopStream", key, () -> client.chatStopStream(r -> r
                    .channel(stream.channel())
                    .ts(stream.ts())
                    .markdownText(delta.isEmpty() ? null : delta)
                    .blocks(content.actions().isEmpty() ? null : MessageLayout.actionBlocks(content.actions()))));
            streams.forget(stream);
            return true;
        } catch (SlackError e) {
            return closedBySlack(stream, e);
        }
    }

    /** A stream call failed: wait when rate limited, otherwise the stream is over for us. */
    private boolean closedBySlack(LiveStream stream, SlackError error) {
        if (error.kind() == ChatPlatformException.Kind.RATE_LIMITED) {
            throw error;
        }
        log.debug("Stream {} in {} ended ({}): continuing with chat.update", stream.ts(), key, error.code());
        streams.forget(stream);
        return false;
    }

    private void update(MessageHandle message, OutgoingMessage content) {
        try {
            chatUpdate(message, content);
        } catch (SlackError e) {
            if (!e.code().equals("cant_update_message") || !stopForeignStream(message)) {
                throw e;
            }
            chatUpdate(message, content);
        }
        streams.showing(key.channel(), message.id(), content);
    }

    private void chatUpdate(MessageHandle message, OutgoingMessage content) {
        budgets.run("chat.update", key, () -> client.chatUpdate(r -> r
                .channel(key.channel())
                .ts(message.id())
                .text(MessageLayout.fallback(content))
                .blocks(MessageLayout.blocks(content))));
    }

    /**
     * Slack refused to update a message that may still be a native stream this process never opened:
     * one a bot that died mid-reply left open, mended after the restart. Stops it, so it can be updated;
     * false when it was no stream of ours either.
     */
    private boolean stopForeignStream(MessageHandle message) {
        if (streams.find(key.channel(), message.id()).isPresent()) {
            return false;
        }
        try {
            budgets.run("chat.stopStream", key, () -> client.chatStopStream(r -> r.channel(key.channel()).ts(message.id())));
            log.debug("Stopped a stream left open in {} before updating it", key);
            return true;
        } catch (SlackError e) {
            return false;
        }
    }

    private boolean streamable(OutgoingMessage message) {
        return streams.enabled()
                && message.actions().isEmpty()
                && !SlackMarkup.hasMention(message.text())
                && threadTs().isPresent()
                && !memory.streamingRefused(key)
                && (directMessage() || memory.recipient(key).isPresent());
    }

    private Optional<MessageHandle> startStream(String text) {
        try {
            ChatStartStreamResponse started = budgets.taken("chat.startStream", key, () -> client.chatStartStream(r -> r
                    .channel(key.channel())
                    .threadTs(threadTs().orElseThrow())
                    .markdownText(text.isEmpty() ? null : text)
                    .recipientUserId(memory.recipient(key).orElse(null))
                    .recipientTeamId(directMessage() ? null : key.workspace())));
            streams.opened(key.workspace(), key.channel(), started.getTs(), text);
            streams.showing(key.channel(), started.getTs(), OutgoingMessage.of(text));
            return Optional.of(new MessageHandle(started.getTs()));
        } catch (SlackError e) {
            if (NO_STREAMING.contains(e.code())) {
                streams.disable(e.code());
            } else if (e.kind() != ChatPlatformException.Kind.RATE_LIMITED) {
                memory.refuseStreaming(key);
            }
            log.debug("No native stream in {} ({}): posting instead", key, e.code());
            return Optional.empty();
        }
    }

    private Optional<String> threadTs() {
        return TS.matcher(key.thread()).matches() ? Optional.of(key.thread()) : Optional.empty();
    }

    private boolean directMessage() {
        return key.channel().startsWith("D");
    }
}
