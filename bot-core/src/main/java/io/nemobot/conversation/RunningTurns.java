package io.nemobot.conversation;

import io.nemobot.chat.ThreadKey;
import io.nemobot.reply.LiveReply;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The live reply of each thread's running chat turn, and whether messages of the thread wait behind
 * it. A message that arrives behind a turn hurries that turn's final text, and is not told to wait
 * when that final text is all that is left of the turn. An entry lives exactly as long as its turn.
 */
final class RunningTurns {
    private final Map<ThreadKey, LiveReply> replies = new ConcurrentHashMap<>();
    private final Predicate<ThreadKey> waitingBehind;

    /** {@code waitingBehind}: whether a thread has messages queued behind the one running. */
    RunningTurns(Predicate<ThreadKey> waitingBehind) {
        this.waitingBehind = Objects.requireNonNull(waitingBehind, "waitingBehind");
    }

    void started(ThreadKey thread, LiveReply reply) {
        replies.put(thread, reply);
    }

    void ended(ThreadKey thread, LiveReply reply) {
        replies.remove(thread, reply);
    }

    Optional<LiveReply> of(ThreadKey thread) {
        return Optional.ofNullable(replies.get(thread));
    }

    boolean waitingBehind(ThreadKey thread) {
        return waitingBehind.test(thread);
    }

    /** The running turns' replies, by thread, as they are now. */
    Map<ThreadKey, LiveReply> now() {
        return Map.copyOf(replies);
    }

    /** Turns running now. */
    int count() {
        return replies.size();
    }
}
