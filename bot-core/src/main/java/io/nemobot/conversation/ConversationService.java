package io.nemobot.conversation;

import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Command;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.chat.Words;
import io.nemobot.fleet.Arrival;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.recovery.AfterRestart;
import io.nemobot.recovery.RetryOffers;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.Platforms;
import io.nemobot.session.SessionRegistry;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.AcceptedMessage;
import io.nemobot.store.ThreadBinding;
import io.nemobot.usage.UsageReport;
import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one entry point of the core. Takes messages and clicks from any adapter, checks the
 * operator's limits, routes by the keyword table and runs the work in the thread's lane: in order
 * within a thread, in parallel across threads. Returns at once; everything else happens on the
 * core's own threads. Each message is a {@link TurnTrace}: its log lines carry the thread's key and the
 * turn's id, and its end is counted. Built by {@link ConversationWiring}.
 */
public final class ConversationService implements Conversations {
    private final Platforms platforms;
    private final SessionRegistry sessions;
    private final ThreadSkills skills;
    private final KeywordRouter router;
    private final Limits limits;
    private final ThreadLanes lanes;
    private final RunningTurns running;
    private final IntentRunner runner;
    private final TurnDispatch dispatch;
    private final AfterRestart restart;
    private final RenderTracker renders;
    private final ShutdownFlag shutdown;
    private final SeenEvents seen;
    private final RetryOffers retries;
    private final DoubleClicks doubleClicks;
    private final String runId;
    private final GracefulStop stopping;
    private final UsageReport usage;
    private final java.util.function.DoubleSupplier budgetShare;

    ConversationService(Platforms platforms, SessionRegistry sessions, ThreadSkills skills, KeywordRouter router,
            Limits limits, ThreadLanes lanes, RunningTurns running, IntentRunner runner, TurnDispatch dispatch,
            AfterRestart restart, RenderTracker renders, ShutdownFlag shutdown, SeenEvents seen, RetryOffers retries,
            DoubleClicks doubleClicks, UsageReport usage, BotMetrics metrics, String runId,
            java.util.function.DoubleSupplier budgetShare) {
        this.budgetShare = Objects.requireNonNull(budgetShare, "budgetShare");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.router = Objects.requireNonNull(router, "router");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.running = Objects.requireNonNull(running, "running");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.restart = Objects.requireNonNull(restart, "restart");
        this.renders = Objects.requireNonNull(renders, "renders");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.doubleClicks = Objects.requireNonNull(doubleClicks, "doubleClicks");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.stopping = new GracefulStop(shutdown, lanes, running, sessions);
        metrics.conversationsLive(lanes::activeLanes);
        metrics.rendersInFlight(renders::active);
    }

    /** Adds a chat platform: its limits pace the replies, and its threads can be written after a restart. */
    public void register(ChatPlatform platform) {
        platforms.register(platform);
    }

    /**
     * After a restart: resumes renders in flight, explains turns the process died in, and runs the messages
     * it had accepted and not started (they never reached the backend), each after its thread's explanation.
     * Returns without waiting for the explanations (they go at the pace the platforms allow).
     */
    public void resume() {
        restart.resume(this::runAccepted);
    }

    /**
     * In a fleet: takes over the renders, explains the open turns and runs the accepted messages of processes
     * that stopped (run periodically; a single process does this once, in {@link #resume()}).
     */
    public void sweepFleet() {
        restart.sweep(this::runAccepted);
    }

    /** The core is shutting down: turns in flight stay recorded as open (the next start explains them). */
    public void stop() {
        shutdown.raise();
    }

    /**
     * A graceful stop: from now on new messages are told the bot is restarting; work in flight may end
     * for up to {@code grace}; the chat turns still running then stay recorded as open and their replies
     * are ended with a note that the bot is restarting (waiting up to {@code deliveryWait} for that).
     * Returns how many turns were left open. Closing the core afterwards stops the rest.
     */
    public int shutDown(Duration grace, Duration deliveryWait) {
        return stopping.run(grace, deliveryWait);
    }

    /** Whether a stop has begun: new messages are told the bot is restarting. */
    public boolean stopping() {
        return shutdown.draining();
    }

    /** Renders being polled now. */
    public int activeRenders() {
        return renders.active();
    }

    /**
     * Waits until no thread has work running or queued and no render is in flight (its link posted), at
     * most {@code timeout}; true when all is done.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lanes.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
                && renders.awaitNone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            if (lanes.activeLanes() == 0) { // a render's end may not have queued new work meanwhile
                return true;
            }
        }
        return false;
    }

    /** Threads with work running or queued now. */
    public int activeThreads() {
        return lanes.activeLanes();
    }

    /** What the core keeps per thread, user, event and render now (all zero after a quiet spell). */
    public Footprint footprint() {
        return new Footprint(lanes.activeLanes(), running.count(), renders.active(), limits.activeUsers(),
                platforms.rateBuckets(), seen.count(), retries.count());
    }

    @Override
    public void accept(IncomingMessage message, ChatThread replyTo) {
        if (message.author().bot() || !seen.first(message.eventId())) {
            return;
        }
        dispatch(message, true, replyTo);
    }

    @Override
    public void prompt(IncomingMessage message, ChatThread replyTo) {
        if (message.author().bot() || !seen.first(message.eventId())) {
            return;
        }
        dispatch(message, false, replyTo);
    }

    @Override
    public void click(ActionClick click, ChatThread replyTo) {
        if (click.author().bot() || !seen.first(click.eventId()) || doubleClicks.isRepeat(click)) {
            return;
        }
        runClick(click, platforms.metered(replyTo), AcceptedMessage.of(click, runId), false);
    }

    /**
     * A click through its thread's lane, recorded as accepted until it starts: a live one ({@code recorded}
     * false: recorded now, under this run), or one an earlier run or a dead process recorded, taken over.
     */
    private void runClick(ActionClick click, ChatThread chat, AcceptedMessage accepted, boolean recorded) {
        Intent intent = intentOf(click);
        TurnDispatch.Entry entry = new TurnDispatch.Entry(click.thread(), new Arrival(click.at(), click.eventId()),
                click.author(), chat, Optional.empty(), "", intent, accepted);
        Consumer<TurnTrace> work = trace -> runner.click(click, intent, chat, trace, recorded);
        if (recorded) {
            dispatch.resubmit(entry, work);
        } else {
            dispatch.submit(entry, work);
        }
    }

    private static Intent intentOf(ActionClick click) {
        return switch (click.action()) {
            case EXPORT -> Intent.EXPORT;
            case TIMELINE -> Intent.STATUS;
            case CREDITS -> Intent.CREDITS;
            case RETRY -> Intent.CHAT;
        };
    }

    /** Where a message stands among its thread's messages in a fleet: the platform's time of it. */
    private static Arrival arrival(IncomingMessage message) {
        return new Arrival(message.receivedAt(), message.eventId());
    }

    /** A message: recorded as accepted (under this run) until its turn starts, then run by {@code runner}. */
    private void dispatch(IncomingMessage message, boolean routed, ChatThread replyTo) {
        Intent intent = !routed ? (message.attachments().isEmpty() ? Intent.CHAT : Intent.UPLOAD)
                : router.route(message.text(), !message.attachments().isEmpty());
        ChatThread chat = platforms.metered(replyTo);
        dispatch.submit(new TurnDispatch.Entry(message.thread(), arrival(message), message.author(), chat,
                message.locale(), message.text(), intent, AcceptedMessage.of(message, routed, runId)),
                trace -> runner.run(message, intent, chat, trace));
    }

    /** Messages and clicks an earlier run or a dead process accepted and never started (already this run's): run now. */
    private void runAccepted(List<AcceptedMessage> messages) {
        for (AcceptedMessage m : messages) {
            Optional<ChatThread> chat = platforms.thread(m.thread());
            if (chat.isEmpty()) {
                continue;
            }
            seen.remember(m.eventId());
            ChatThread metered = platforms.metered(chat.get());
            Optional<ActionClick> click = m.click();
            if (click.isPresent()) { // run as the same click, in its place among the thread's messages
                doubleClicks.isRepeat(click.get()); // a quick second click on the same button now is the same request
                runClick(click.get(), metered, m, true);
                continue;
            }
            IncomingMessage message = m.message();
            Intent intent = m.routed() ? router.route(message.text(), false) : Intent.CHAT;
            dispatch.resubmit(new TurnDispatch.Entry(m.thread(), arrival(message), message.author(), metered,
                    message.locale(), message.text(), intent, m), trace -> runner.run(message, intent, metered, trace));
        }
    }

    private Messages wordsFor(ThreadKey thread, Optional<Locale> locale, String text) {
        return Messages.of(SessionRegistry.languageOf(sessions.binding(thread), locale, text));
    }

    @Override
    public String help(ThreadKey thread, Optional<Locale> locale) {
        Optional<ThreadBinding> binding = sessions.binding(thread);
        return InfoIntents.help(skills.of(thread, binding), Messages.of(SessionRegistry.languageOf(binding, locale, "")));
    }

    @Override
    public String usage(ThreadKey where, Author asker, Optional<Locale> locale) {
        return usage.answer(where, asker, wordsFor(where, locale, ""));
    }

    @Override
    public double budgetShare() {
        return budgetShare.getAsDouble();
    }

    @Override
    public Words words() {
        return Messages.WORDS;
    }

    @Override
    public Optional<Command> command(String words) {
        return router.command(words).map(i -> Command.valueOf(i.name()));
    }

    @Override
    public List<String> examplePrompts(ThreadKey thread) {
        return skills.of(thread, sessions.binding(thread)).examples();
    }

    @Override
    public boolean isConversation(ThreadKey thread) {
        return sessions.binding(thread).isPresent();
    }

    @Override
    public void claim(ThreadKey thread) {
        sessions.claim(thread, "en");
    }
}
