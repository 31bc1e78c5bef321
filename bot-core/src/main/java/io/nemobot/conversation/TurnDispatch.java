package io.nemobot.conversation;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Arrival;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.TurnOutcome;
import io.nemobot.ops.LogContext;
import io.nemobot.reply.LiveReply;
import io.nemobot.reply.Notices;
import io.nemobot.session.SessionRegistry;
import io.nemobot.store.AcceptedMessage;
import io.nemobot.store.Store;
import io.nemobot.words.Messages;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message or click on its way into its thread's lane: the shutdown and the operator's limits first, then
 * the lane, with the user told once when it waits. A message or click is recorded as accepted before it queues
 * ({@link AcceptedMessage}) and its record goes when its turn starts or it is refused with words to the user,
 * so a process killed meanwhile leaves it to the next start or to a survivor, which run it; one still queued
 * when the process stops stays recorded the same way. Whoever removes the record runs the message: a process
 * that finds it taken over by another (it was thought dead) leaves it.
 */
final class TurnDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(TurnDispatch.class);

    /** What comes in: a message or a click, with its record ({@code accepted}; null: it is not recorded). */
    record Entry(ThreadKey thread, Arrival arrival, Author author, ChatThread replyTo, Optional<Locale> locale,
            String text, Intent intent, AcceptedMessage accepted) {
        Entry {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(arrival, "arrival");
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(replyTo, "replyTo");
            Objects.requireNonNull(locale, "locale");
            Objects.requireNonNull(intent, "intent");
        }
    }

    private final SessionRegistry sessions;
    private final Limits limits;
    private final ThreadLanes lanes;
    private final RunningTurns running;
    private final Notices notices;
    private final ShutdownFlag shutdown;
    private final Store store;
    private final BotMetrics metrics;
    private final LongSupplier nanos;

    TurnDispatch(SessionRegistry sessions, Limits limits, ThreadLanes lanes, RunningTurns running, Notices notices,
            ShutdownFlag shutdown, Store store, BotMetrics metrics, LongSupplier nanos) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.running = Objects.requireNonNull(running, "running");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** A message or click just delivered: recorded if it queues, then run in its lane. */
    void submit(Entry entry, Consumer<TurnTrace> work) {
        submit(entry, false, work);
    }

    /**
     * A message or click an earlier run (or a dead process) accepted and never started, already recorded as this
     * run's: it queues again without a second acknowledgement.
     */
    void resubmit(Entry entry, Consumer<TurnTrace> work) {
        submit(entry, true, work);
    }

    private void submit(Entry entry, boolean recorded, Consumer<TurnTrace> work) {
        TurnTrace trace = new TurnTrace(entry.thread(), entry.intent(), metrics, nanos);
        try (LogContext context = LogContext.turn(entry.thread().id(), trace.id())) {
            Messages words = Messages.of(SessionRegistry.languageOf(sessions.binding(entry.thread()), entry.locale(),
                    entry.text()));
            dispatch(entry, recorded, words, trace, work);
        }
    }

    private void dispatch(Entry entry, boolean recorded, Messages words, TurnTrace trace, Consumer<TurnTrace> work) {
        ThreadKey thread = entry.thread();
        ChatThread replyTo = entry.replyTo();
        if (refused(entry, recorded, words, trace)) {
            return;
        }
        boolean limited = entry.intent() != Intent.HELP;
        AcceptedMessage accepted = entry.accepted();
        boolean kept = accepted != null && (recorded || record(accepted));
        // Told once that it waits: behind this process's own turns of the thread, or another process's.
        AtomicBoolean acknowledged = new AtomicBoolean(recorded);
        Runnable heldElsewhere = LogContext.carry((Runnable) () -> {
            if (acknowledged.compareAndSet(false, true)) {
                notices.sayLater(replyTo, words.get("queued"));
            }
        });
        int ahead;
        try {
            ahead = lanes.submit(thread, entry.arrival(), LogContext.carry((Runnable) () -> {
                try {
                    if (shutdown.draining()) { // queued behind a turn while the bot began to stop
                        trace.end(TurnOutcome.REFUSED, "shutting_down");
                        if (kept) {
                            LOG.info("Message {} stays recorded: the next start, or another process, runs it",
                                    accepted.eventId());
                            return;
                        }
                        notices.say(replyTo, words.get("shutdown.new"));
                        return;
                    }
                    if (!start(accepted, kept)) {
                        trace.end(TurnOutcome.REFUSED, "taken_over");
                        return;
                    }
                    work.accept(trace);
                    trace.returned();
                } finally {
                    if (limited) {
                        limits.releaseActive(thread, entry.author());
                    }
                }
            }), heldElsewhere);
        } catch (RejectedExecutionException e) {
            if (limited) {
                limits.releaseActive(thread, entry.author()); // shutting down: the work never runs (its record stays)
            }
            return;
        }
        if (ahead > 0) {
            Optional<LiveReply> turnAhead = running.of(thread);
            turnAhead.ifPresent(LiveReply::hurry); // its final text goes ahead of other threads' streaming text
            // Only the last words of the turn ahead still have to show: this starts in a moment.
            boolean onlyFinalAhead = ahead == 1 && turnAhead.map(LiveReply::isFinal).orElse(false);
            if (!onlyFinalAhead && acknowledged.compareAndSet(false, true)) {
                notices.sayLater(replyTo, words.get("queued"));
            }
        }
    }

    /** The shutdown or a limit turns the message away, with words; a record it had goes. */
    private boolean refused(Entry entry, boolean recorded, Messages words, TurnTrace trace) {
        ThreadKey thread = entry.thread();
        String reason;
        String text;
        if (shutdown.draining()) {
            reason = "shutting_down";
            text = words.get("shutdown.new");
        } else if (!limits.channelAllowed(thread)) {
            reason = "channel_not_allowed";
            text = words.get("limit.channel");
        } else if (entry.intent() != Intent.HELP && !limits.takeActive(thread, entry.author())) {
            reason = "user_max_active";
            text = words.get("limit.active", "max", limits.userMaxActive());
        } else {
            return false;
        }
        trace.end(TurnOutcome.REFUSED, reason);
        forget(entry.accepted(), recorded);
        notices.sayLater(entry.replyTo(), text);
        return true;
    }

    /** Records the message before it queues; false when the store cannot (it runs anyway, unrecorded). */
    private boolean record(AcceptedMessage accepted) {
        try {
            store.saveAcceptedMessage(accepted);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Message {} could not be recorded as accepted ({}); it runs, but a crash before its turn loses it",
                    accepted.eventId(), e.toString());
            return false;
        }
    }

    /**
     * The turn starts: its record goes. False only when the record is another run's now (this process was
     * thought dead and a survivor took the message over); when the store cannot answer, it runs.
     */
    private boolean start(AcceptedMessage accepted, boolean kept) {
        if (!kept) {
            return true;
        }
        try {
            if (store.removeAcceptedMessage(accepted.eventId(), accepted.owner())) {
                return true;
            }
            LOG.info("Message {} was taken over by another process; it runs there", accepted.eventId());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("Message {}: its record could not be removed ({}); it runs", accepted.eventId(), e.toString());
            return true;
        }
    }

    /** Dropped with words to the user: the record goes (a failure leaves it to be run after a restart). */
    private void forget(AcceptedMessage accepted, boolean kept) {
        if (accepted == null || !kept) {
            return;
        }
        try {
            store.removeAcceptedMessage(accepted.eventId(), accepted.owner());
        } catch (RuntimeException e) {
            LOG.warn("Message {}: its record could not be removed ({})", accepted.eventId(), e.toString());
        }
    }
}
