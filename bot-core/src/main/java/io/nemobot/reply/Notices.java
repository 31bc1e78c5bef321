package io.nemobot.reply;

import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.ops.LogContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-off posts (a limit reached, "queued", a render link): within the platform's budgets like any
 * reply, waiting out rate limits (a refused post used to be dropped: a render link could be lost),
 * and never throwing: a post the platform refuses for good is logged.
 */
public final class Notices {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
    private static final Duration SAY_WAIT = Duration.ofMinutes(10);

    private final Platforms platforms;
    private final Executor sender;

    /** {@code sender} posts the notices said "later" (off an adapter's event thread). */
    public Notices(Platforms platforms, Executor sender) {
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Posts a one-off text on the sender's thread: returns at once. */
    public void sayLater(ChatThread chat, String text) {
        try {
            sender.execute(LogContext.carry((Runnable) () -> say(chat, text)));
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; a notice in {} dropped", chat.key());
        }
    }

    /**
     * Posts a one-off text within the budgets without waiting for it: the future completes once it is
     * shown, or the platform refused it for good (logged); it fails only when the post could not be tried
     * (shutting down).
     */
    public CompletableFuture<Void> post(ChatThread chat, String text) {
        try {
            return shown(chat, OutgoingMessage.of(text)).exceptionally(e -> {
                LOG.warn("Could not post in {}: {}", chat.key(), e.toString());
                return null;
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; a notice in {} dropped", chat.key());
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            LOG.warn("Could not post in {}: {}", chat.key(), e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Posts a one-off text, logging (never throwing) when the platform refuses. */
    public void say(ChatThread chat, String text) {
        say(chat, OutgoingMessage.of(text));
    }

    /** Posts a one-off message and returns once it is shown or the platform refused it for good. */
    public void say(ChatThread chat, OutgoingMessage message) {
        try {
            shown(chat, message).get(SAY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Could not post in {}: {}", chat.key(), e.getCause().toString());
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("Could not post in {}: {}", chat.key(), e.toString());
        }
    }

    /**
     * Posts {@code message} as a live reply's final, within the platform's budgets: the future completes once
     * it is shown. A platform without a pacer (a test's) is posted to at once, on this thread.
     */
    private CompletableFuture<Void> shown(ChatThread chat, OutgoingMessage message) {
        if (platforms.pacerOf(chat.key().platform()).isEmpty()) {
            chat.post(message);
            return CompletableFuture.completedFuture(null);
        }
        return platforms.reply(chat).finish(message.text(), message.actions());
    }
}
