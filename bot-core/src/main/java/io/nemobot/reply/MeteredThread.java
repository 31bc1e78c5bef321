package io.nemobot.reply;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.CallOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A chat thread whose every platform call is timed into {@code nemo_platform_request_duration_seconds}
 * by platform, method ({@code post}, {@code edit}, {@code finish}, {@code status}) and outcome. The core
 * wraps each thread it is handed once, where it comes in, so that every call it makes (live replies,
 * notices, status lines, restart repairs) is counted without each caller timing its own. It must pass on
 * every method of {@link ChatThread} (a test holds it to that), or a platform's own behaviour would be lost.
 */
final class MeteredThread implements ChatThread {
    private final ChatThread inner;
    private final BotMetrics metrics;
    private final LongSupplier nanos;

    private MeteredThread(ChatThread inner, BotMetrics metrics, LongSupplier nanos) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** The thread, metered (once: a metered thread is returned as it is). */
    static ChatThread of(ChatThread thread, BotMetrics metrics, LongSupplier nanos) {
        if (thread instanceof MeteredThread || metrics == BotMetrics.NONE) {
            return thread;
        }
        return new MeteredThread(thread, metrics, nanos);
    }

    /** How a platform's refusal counts: 429 as rate limited, refusals for good as refused, the rest unavailable. */
    static CallOutcome outcome(RuntimeException e) {
        if (e instanceof ChatPlatformException refusal) {
            return switch (refusal.kind()) {
                case RATE_LIMITED -> CallOutcome.RATE_LIMITED;
                case GONE, FORBIDDEN, TOO_LONG -> CallOutcome.REFUSED;
                case OTHER -> CallOutcome.UNAVAILABLE;
            };
        }
        return CallOutcome.UNAVAILABLE;
    }

    @Override
    public ThreadKey key() {
        return inner.key();
    }

    @Override
    public MessageHandle post(OutgoingMessage message) {
        return timed("post", () -> inner.post(message));
    }

    @Override
    public void edit(MessageHandle message, OutgoingMessage content) {
        timed("edit", () -> {
            inner.edit(message, content);
            return null;
        });
    }

    @Override
    public void finish(MessageHandle message, OutgoingMessage content) {
        timed("finish", () -> {
            inner.finish(message, content);
            return null;
        });
    }

    @Override
    public boolean finishRequired() {
        return inner.finishRequired();
    }

    @Override
    public boolean streaming(MessageHandle message) {
        return inner.streaming(message);
    }

    @Override
    public void status(String statusOrNull) {
        timed("status", () -> {
            inner.status(statusOrNull);
            return null;
        });
    }

    @Override
    public String mention(Author author) {
        return inner.mention(author);
    }

    private <T> T timed(String method, Supplier<T> call) {
        long start = nanos.getAsLong();
        try {
            T result = call.get();
            report(method, CallOutcome.OK, start);
            return result;
        } catch (RuntimeException e) {
            report(method, outcome(e), start);
            throw e;
        }
    }

    private void report(String method, CallOutcome outcome, long start) {
        metrics.platformCall(inner.key().platform(), method, outcome, Duration.ofNanos(Math.max(0, nanos.getAsLong() - start)));
    }
}
