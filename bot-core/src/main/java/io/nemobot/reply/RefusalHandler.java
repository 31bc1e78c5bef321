package io.nemobot.reply;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what a refused call of a live reply means ({@link PlatformRefusal}): a rate limit pauses
 * every reply on the same budgets, a too-long text is split shorter, a deleted message is posted again,
 * and giving up fails the reply's future. Counts failures in a row. Apart from {@link LiveReply}, which
 * makes the calls; the layout changes under the reply's lock.
 */
final class RefusalHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LiveReply.class);

    private final ChatThread chat;
    private final EditPacer pacer;
    private final ReplyMessages messages;
    private final LongSupplier clock;
    private final CompletableFuture<Void> delivered;
    private final Object lock;
    private int failures;

    RefusalHandler(ChatThread chat, EditPacer pacer, ReplyMessages messages, LongSupplier clock,
            CompletableFuture<Void> delivered, Object lock) {
        this.chat = chat;
        this.pacer = pacer;
        this.messages = messages;
        this.clock = clock;
        this.delivered = delivered;
        this.lock = lock;
    }

    /** A call went through: failures in a row start again. */
    void succeeded() {
        synchronized (lock) {
            failures = 0;
        }
    }

    /** The platform refused {@code call}; returns the earliest time for the next call (0: no wait). */
    long refused(ReplyCall call, ChatPlatformException e) {
        PlatformRefusal refusal;
        int limit = 0;
        long notBefore = 0;
        synchronized (lock) {
            refusal = PlatformRefusal.of(e, call.kind() == ReplyCall.Kind.POST, failures);
            failures = refusal.failures();
            switch (refusal.response()) {
                case WAIT, RETRY -> notBefore = clock.getAsLong() + refusal.waitNanos();
                case SPLIT_SHORTER -> limit = messages.shorter();
                case POST_AGAIN -> messages.gone(call.index());
                default -> { }
            }
        }
        switch (refusal.response()) {
            case WAIT -> pacer.penalize(chat.key(), Duration.ofNanos(refusal.waitNanos()));
            case SPLIT_SHORTER -> LOG.info("Platform refused a message as too long in {}; splitting at {}", chat.key(), limit);
            case POST_AGAIN -> LOG.info("A reply message in {} is gone; posting it again", chat.key());
            case GIVE_UP -> {
                LOG.warn("Giving up on a reply in {}: {} ({})", chat.key(), e.kind(), e.getMessage());
                delivered.completeExceptionally(e);
            }
            default -> { }
        }
        return notBefore;
    }
}
