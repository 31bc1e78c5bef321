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
import io.nemobot.recovery.AfterRestart;
import io.nemobot.recovery.RetryOffers;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.LiveReply;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.session.SessionRegistry;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one entry point of the core. Takes messages and clicks from any adapter, checks the
 * operator's limits, routes by the keyword table and runs the work in the thread's lane: in order
 * within a thread, in parallel across threads. Returns at once; everything else happens on the
 * core's own threads. Built by {@link ConversationWiring}.
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
    private final Notices notices;
    private final AfterRestart restart;
    private final RenderTracker renders;
    private final ShutdownFlag shutdown;
    private final SeenEvents seen;
    private final RetryOffers retries;
    private final DoubleClicks doubleClicks;

    ConversationService(Platforms platforms, SessionRegistry sessions, ThreadSkills skills, KeywordRouter router,
            Limits limits, ThreadLanes lanes, RunningTurns running, IntentRunner runner, Notices notices,
            AfterRestart restart, RenderTracker renders, ShutdownFlag shutdown, SeenEvents seen, RetryOffers retries,
            DoubleClicks doubleClicks) {
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.router = Objects.requireNonNull(router, "router");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.running = Objects.requireNonNull(running, "running");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.restart = Objects.requireNonNull(restart, "restart");
        this.renders = Objects.requireNonNull(renders, "renders");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.doubleClicks = Objects.requireNonNull(doubleClicks, "doubleClicks");
    }

    /** Adds a chat platform: its limits pace the replies, and its threads can be written after a restart. */
    public void register(ChatPlatform platform) {
        platforms.register(platform);
    }

    /** After a restart: resumes renders in flight and explains turns the process died in. */
    public void resume() {
        restart.resume();
    }

    /**
     * In a fleet: takes over the renders and explains the open turns of processes that stopped (run
     * periodically; a single process does this once, in {@link #resume()}).
     */
    public void sweepFleet() {
        restart.sweep();
    }

    /** The core is shutting down: turns in flight stay recorded as open (the next start explains them). */
    public void stop() {
        shutdown.raise();
    }

    /** Renders being polled now. */
    public int activeRenders() {
        return renders.active();
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
        Intent intent = router.route(message.text(), !message.attachments().isEmpty());
        dispatch(message.thread(), message.author(), replyTo, message.locale(), message.text(), intent,
                () -> runner.run(message, intent, replyTo));
    }

    @Override
    public void prompt(IncomingMessage message, ChatThread replyTo) {
        if (message.author().bot() || !seen.first(message.eventId())) {
            return;
        }
        Intent intent = message.attachments().isEmpty() ? Intent.CHAT : Intent.UPLOAD;
        dispatch(message.thread(), message.author(), replyTo, message.locale(), message.text(), intent,
                () -> runner.run(message, intent, replyTo));
    }

    @Override
    public void click(ActionClick click, ChatThread replyTo) {
        if (click.author().bot() || !seen.first(click.eventId()) || doubleClicks.isRepeat(click)) {
            return;
        }
        Intent intent = switch (click.action()) {
            case EXPORT -> Intent.EXPORT;
            case TIMELINE -> Intent.STATUS;
            case CREDITS -> Intent.CREDITS;
            case RETRY -> Intent.CHAT;
        };
        dispatch(click.thread(), click.author(), replyTo, Optional.empty(), "", intent,
                () -> runner.click(click, intent, replyTo));
    }

    private void dispatch(ThreadKey thread, Author author, ChatThread replyTo, Optional<Locale> locale, String text,
            Intent intent, Runnable work) {
        Messages words = wordsFor(thread, locale, text);
        if (!limits.channelAllowed(thread)) {
            notices.sayLater(replyTo, words.get("limit.channel"));
            return;
        }
        boolean limited = intent != Intent.HELP;
        if (limited && !limits.takeActive(thread, author)) {
            notices.sayLater(replyTo, words.get("limit.active", "max", limits.userMaxActive()));
            return;
        }
        int ahead;
        try {
            ahead = lanes.submit(thread, () -> {
                try {
                    work.run();
                } finally {
                    if (limited) {
                        limits.releaseActive(thread, author);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (limited) {
                limits.releaseActive(thread, author); // shutting down: the work never runs
            }
            return;
        }
        if (ahead > 0) {
            Optional<LiveReply> turnAhead = running.of(thread);
            turnAhead.ifPresent(LiveReply::hurry); // its final text goes ahead of other threads' streaming text
            // Only the last words of the turn ahead still have to show: this starts in a moment.
            boolean onlyFinalAhead = ahead == 1 && turnAhead.map(LiveReply::isFinal).orElse(false);
            if (!onlyFinalAhead) {
                notices.sayLater(replyTo, words.get("queued"));
            }
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
