package io.nemobot.conversation;

import io.nemobot.chat.ThreadKey;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.TurnOutcome;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One message's turn as operators see it: its id (in every log line of the turn), its intent, when the
 * message arrived, and how it ended, reported once to {@code nemo_turns_total} and
 * {@code nemo_turn_duration_seconds}. Whoever learns the outcome ends it (a limit, a refusal, the stream's
 * ending); a cut stream defers the end to the recovery that finds out whether the change landed, and
 * whatever nobody ended otherwise counts as completed when its intent returns.
 */
final class TurnTrace {
    private static final AtomicLong IDS = new AtomicLong();
    /** Distinguishes this process's turn ids from an earlier run's in the same logs. */
    private static final String RUN = Long.toString(System.nanoTime() & 0xFFFFF, 36);

    private final ThreadKey thread;
    private final String intent;
    private final String id;
    private final long startNanos;
    private final BotMetrics metrics;
    private final LongSupplier nanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean deferred;

    TurnTrace(ThreadKey thread, Intent intent, BotMetrics metrics, LongSupplier nanos) {
        this.thread = Objects.requireNonNull(thread, "thread");
        this.intent = intent.name().toLowerCase(Locale.ROOT);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.startNanos = nanos.getAsLong();
        this.id = RUN + "-" + Long.toString(IDS.incrementAndGet(), 36);
    }

    ThreadKey thread() {
        return thread;
    }

    /** The turn's id, as log lines carry it. */
    String id() {
        return id;
    }

    /** When the message arrived ({@code nanoTime} value). */
    long startNanos() {
        return startNanos;
    }

    /** Reports how the turn ended; only the first call counts. */
    void end(TurnOutcome outcome, String reason) {
        if (ended.compareAndSet(false, true)) {
            metrics.turnEnded(intent, outcome, reason, Duration.ofNanos(Math.max(0, nanos.getAsLong() - startNanos)));
        }
    }

    /** A failure, with the backend refusal's kind as the reason. */
    void failed(Enum<?> kind) {
        end(TurnOutcome.FAILED, kind.name().toLowerCase(Locale.ROOT));
    }

    /** The outcome will be known later (a cut stream's recovery ends it). */
    void defer() {
        deferred = true;
    }

    /** The intent returned: a turn nobody ended or deferred completed. */
    void returned() {
        if (!deferred) {
            end(TurnOutcome.COMPLETED, "");
        }
    }
}
