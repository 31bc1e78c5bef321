package io.nemobot.conversation;

import io.nemobot.chat.ChatThread;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.TurnOutcome;
import io.nemobot.nemo.NemoException;
import io.nemobot.reply.LandingRecord;
import io.nemobot.reply.LiveReply;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.reply.ReplyShown;
import io.nemobot.session.Refusals;
import io.nemobot.session.SessionRegistry;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message through the chat stream, start to end: the live reply ("working on it"), the turn
 * recorded as open while it runs (a bot that dies mid-turn explains it after the restart), a session
 * the backend no longer knows renewed, a refusal put into words, and the final text delivered before
 * the thread's next message starts. The stream itself is {@link ChatStream}'s. Operators get the time
 * to the first text shown and each streamed text's lag to the platform.
 */
final class ChatTurn {
    private static final Logger LOG = LoggerFactory.getLogger(ChatTurn.class);
    private static final Duration DELIVERY_WAIT = Duration.ofMinutes(10);

    private final ChatStream stream;
    private final Platforms platforms;
    private final SessionRegistry sessions;
    private final Notices notices;
    private final Refusals refusals;
    private final RunningTurns running;
    private final ShutdownFlag shutdown;
    private final Store store;
    private final Clock clock;
    private final BotMetrics metrics;

    ChatTurn(ChatStream stream, Platforms platforms, SessionRegistry sessions, Notices notices, Refusals refusals,
            RunningTurns running, ShutdownFlag shutdown, Store store, Clock clock, BotMetrics metrics) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.running = Objects.requireNonNull(running, "running");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Runs the turn to its end (the final text delivered or given up). {@code newSession}: the session
     * was created for this message, so its timeline is known to be empty (no state read before the stream).
     */
    void run(ChatThread chat, ThreadBinding binding, boolean newSession, String text, Messages words, TurnTrace trace) {
        Instant startedAt = clock.instant();
        // The reply's message ids are saved when they exist: once each message has landed.
        LandingRecord record = new LandingRecord((open, settled) -> store.saveOpenTurn(
                new OpenTurn(chat.key(), open == null ? null : open.id(), settled, startedAt)));
        LiveReply live = platforms.reply(chat, record, shown(chat.key().platform(), trace));
        live.start(words.get("ack.working"));
        running.started(chat.key(), live);
        try {
            record.save();
            if (!runToFinal(chat, live, binding, newSession, text, words, trace)) {
                return;
            }
            // The thread's next message waits for this reply to end: if one is there, the end goes ahead.
            if (running.waitingBehind(chat.key())) {
                live.hurry();
            }
            awaitDelivery(live, chat);
        } finally {
            running.ended(chat.key(), live);
        }
        record.end(() -> store.deleteOpenTurn(chat.key()));
    }

    /** The stream, then the final text asked for; false when the core is shutting down (the turn stays open). */
    private boolean runToFinal(ChatThread chat, LiveReply live, ThreadBinding binding, boolean newSession, String text,
            Messages words, TurnTrace trace) {
        try {
            ThreadBinding current = binding;
            try {
                stream.run(chat, live, current, newSession, text, words, trace);
            } catch (NemoException e) {
                if (e.kind() != NemoException.Kind.SESSION_NOT_FOUND) {
                    throw e;
                }
                // Refused before the stream started: the message was not accepted, so sending it to
                // the new session is not a re-send.
                current = sessions.renew(current);
                notices.say(chat, words.get("session.reset"));
                stream.run(chat, live, current, true, text, words, trace);
            }
        } catch (NemoException e) {
            if (Thread.currentThread().isInterrupted() || shutdown.raised()) {
                // Shutting down: the turn stays recorded as open, and the next start explains it.
                LOG.info("Shutting down during a turn in {}", chat.key());
                trace.end(TurnOutcome.FAILED, "shutdown");
                return false;
            }
            trace.failed(e.kind());
            LOG.info("Turn in {} refused: {} (HTTP {}, code {})", chat.key(), e.kind(), e.httpStatus(),
                    e.backendCode().orElse(null));
            live.finish(refusals.of(e, words, chat.key(), Optional.of(binding)), List.of());
        } catch (RuntimeException e) {
            LOG.error("Turn in {} failed", chat.key(), e);
            trace.end(TurnOutcome.FAILED, "internal");
            live.finish(words.get("error.internal"), List.of());
        }
        if (shutdown.raised()) {
            trace.end(TurnOutcome.FAILED, "shutdown");
            LOG.info("Shutting down after a turn in {}; it stays recorded as open", chat.key());
            return false;
        }
        return true;
    }

    /** Streamed text's lag to the platform, and the first one's time since the message arrived. */
    private ReplyShown shown(String platform, TurnTrace trace) {
        AtomicBoolean first = new AtomicBoolean();
        return (arrived, at) -> {
            metrics.chunkLag(platform, Duration.ofNanos(Math.max(0, at - arrived)));
            if (first.compareAndSet(false, true)) {
                metrics.firstText(Duration.ofNanos(Math.max(0, at - trace.startNanos())));
            }
        };
    }

    private void awaitDelivery(LiveReply live, ChatThread chat) {
        try {
            live.delivered().get(DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The final reply in {} is still waiting for the platform after {}", chat.key(), DELIVERY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("The final reply in {} could not be delivered: {}", chat.key(), e.getCause().toString());
        }
    }
}
