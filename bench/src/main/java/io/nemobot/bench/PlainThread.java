package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;

/**
 * A thread of a benchmark platform whose every port call is one platform call (Discord, and Slack when
 * the core is told there are no limits): posts, edits and finishes go to the platform's {@link Calls} as
 * they are. Shared by {@link BenchPlatform} and {@link SoakPlatform}, which differ in what they count.
 */
final class PlainThread implements ChatThread {
    /** The platform side: one call, returning the message id. */
    @FunctionalInterface
    interface Calls {
        String call(String kind, ThreadKey key, String messageId, OutgoingMessage content);
    }

    private final ThreadKey key;
    private final Calls calls;

    PlainThread(ThreadKey key, Calls calls) {
        this.key = key;
        this.calls = calls;
    }

    /** A platform call takes this long on the wire (the benchmark's configured latency). */
    static void latency(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ThreadKey key() {
        return key;
    }

    @Override
    public MessageHandle post(OutgoingMessage message) {
        return new MessageHandle(calls.call("post", key, null, message));
    }

    @Override
    public void edit(MessageHandle message, OutgoingMessage content) {
        calls.call("edit", key, message.id(), content);
    }

    @Override
    public void finish(MessageHandle message, OutgoingMessage content) {
        calls.call("finish", key, message.id(), content);
    }

    @Override
    public String mention(Author author) {
        return "<@" + author.id() + ">";
    }
}
