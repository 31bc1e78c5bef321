package io.nemobot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Command;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.chat.Words;
import io.nemobot.config.BotConfig;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.Credits;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.NemoException;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.PendingRender;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of the core. Takes messages and clicks from any adapter, checks the
 * operator's limits, routes by the keyword table and runs the work in the thread's lane: in order
 * within a thread, in parallel across threads. Returns at once; everything else happens on the
 * core's own threads.
 */
public final class ConversationService implements Conversations {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);

    private final CoreContext core;
    private final KeywordRouter router;
    private final ThreadLanes lanes;
    private final SessionRegistry sessions;
    private final Recovery recovery;
    private final ChatTurn turns;
    private final Uploads uploads;
    private final RenderTracker renders;
    private final DoubleClicks doubleClicks;
    /** Event ids already taken (platforms deliver again on retries); upkeep runs on the caller, waking no pool thread. */
    private final Cache<String, Boolean> seen = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofHours(2)).executor(Runnable::run).build();
    private final Map<String, AtomicInteger> activePerUser = new ConcurrentHashMap<>();

    public ConversationService(BotConfig config, NemoClient nemo, Store store, Clock clock, LongSupplier nanos,
            ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService sender) {
        this.core = new CoreContext(config, nemo, store, clock, nanos, scheduler, workers, sender);
        this.router = new KeywordRouter(config.keywords(), config.commandMaxWords());
        this.lanes = new ThreadLanes(workers);
        core.waitingBehind = lanes::waiting;
        this.sessions = new SessionRegistry(core);
        this.recovery = new Recovery(core);
        this.turns = new ChatTurn(core, sessions, recovery);
        this.uploads = new Uploads(core);
        this.renders = new RenderTracker(core);
        this.doubleClicks = new DoubleClicks(clock, DoubleClicks.WINDOW);
    }

    /** Adds a chat platform: its limits pace the replies, and its threads can be written after a restart. */
    public void register(ChatPlatform platform) {
        core.register(platform);
    }

    /** After a restart: resumes renders in flight and explains turns the process died in. */
    public void resume() {
        for (PendingRender r : core.store.pendingRenders()) {
            Optional<ChatThread> chat = core.thread(r.thread());
            if (chat.isEmpty()) {
                LOG.warn("Render {} belongs to {}, which is not configured now; it stays stored", r.renderId(), r.thread());
                continue;
            }
            renders.resume(r, chat.get());
        }
        for (OpenTurn t : core.store.openTurns()) {
            Optional<ChatThread> chat = core.thread(t.thread());
            if (chat.isEmpty()) {
                continue;
            }
            Messages words = Messages.of(core.store.binding(t.thread()).map(ThreadBinding::language).orElse("en"));
            String text = words.get("restart.turn");
            try {
                if (t.message() == null) {
                    throw new IllegalStateException("no message to update");
                }
                chat.get().finish(new MessageHandle(t.message()), OutgoingMessage.of(text));
            } catch (RuntimeException e) {
                LOG.info("Could not update the interrupted turn's message in {} ({}); posting instead", t.thread(), e.toString());
                core.say(chat.get(), text);
            }
            core.store.deleteOpenTurn(t.thread());
        }
    }

    /** The core is shutting down: turns in flight stay recorded as open (the next start explains them). */
    public void stop() {
        core.closing = true;
    }

    /** Renders being polled now. */
    public int activeRenders() {
        return renders.active();
    }

    /** Threads with work running or queued now. */
    public int activeThreads() {
        return lanes.activeLanes();
    }

    @Override
    public void accept(IncomingMessage message, ChatThread replyTo) {
        if (message.author().bot() || seen.asMap().putIfAbsent(message.eventId(), Boolean.TRUE) != null) {
            return;
        }
        Intent intent = router.route(message.text(), !message.attachments().isEmpty());
        dispatch(message.thread(), message.author(), replyTo, message.locale(), message.text(), intent,
                () -> run(message, intent, replyTo));
    }

    @Override
    public void prompt(IncomingMessage message, ChatThread replyTo) {
        if (message.author().bot() || seen.asMap().putIfAbsent(message.eventId(), Boolean.TRUE) != null) {
            return;
        }
        Intent intent = message.attachments().isEmpty() ? Intent.CHAT : Intent.UPLOAD;
        dispatch(message.thread(), message.author(), replyTo, message.locale(), message.text(), intent,
                () -> run(message, intent, replyTo));
    }

    @Override
    public void click(ActionClick click, ChatThread replyTo) {
        if (click.author().bot() || seen.asMap().putIfAbsent(click.eventId(), Boolean.TRUE) != null
                || doubleClicks.isRepeat(click)) {
            return;
        }
        Intent intent = switch (click.action()) {
            case EXPORT -> Intent.EXPORT;
            case TIMELINE -> Intent.STATUS;
            case CREDITS -> Intent.CREDITS;
            case RETRY -> Intent.CHAT;
        };
        dispatch(click.thread(), click.author(), replyTo, Optional.empty(), "", intent, () -> {
            Messages words = wordsFor(click.thread(), Optional.empty(), "");
            if (click.action() == Action.RETRY) {
                Optional<String> text = recovery.takeRetry(click.thread());
                if (text.isEmpty()) {
                    core.say(replyTo, words.get("retry.nothing"));
                    return;
                }
                runIntent(new IncomingMessage(click.thread(), click.author(), text.get(), List.of(), Optional.empty(),
                        click.eventId(), click.at()), Intent.CHAT, replyTo);
            } else {
                runIntent(new IncomingMessage(click.thread(), click.author(), "", List.of(), Optional.empty(),
                        click.eventId(), click.at()), intent, replyTo);
            }
        });
    }

    private void dispatch(ThreadKey thread, Author author, ChatThread replyTo, Optional<Locale> locale, String text,
            Intent intent, Runnable work) {
        Messages words = wordsFor(thread, locale, text);
        if (!core.config.allowedChannels().isEmpty() && !core.config.allowedChannels().contains(thread.channel())) {
            core.sender.execute(() -> core.say(replyTo, words.get("limit.channel")));
            return;
        }
        String userKey = thread.platform() + ":" + author.id();
        boolean limited = intent != Intent.HELP;
        if (limited) {
            AtomicInteger active = activePerUser.computeIfAbsent(userKey, k -> new AtomicInteger());
            if (active.incrementAndGet() > core.config.userMaxActive()) {
                active.decrementAndGet();
                core.sender.execute(() -> core.say(replyTo, words.get("limit.active", "max", core.config.userMaxActive())));
                return;
            }
        }
        int ahead = lanes.submit(thread, () -> {
            try {
                work.run();
            } finally {
                if (limited) {
                    activePerUser.computeIfPresent(userKey, (k, v) -> v.decrementAndGet() <= 0 ? null : v);
                }
            }
        });
        if (ahead > 0) {
            LiveReply running = core.ending.get(thread);
            if (running != null) {
                running.hurry(); // its final text goes ahead of other threads' streaming text
            }
            // Only the last words of the turn ahead still have to show: this starts in a moment.
            boolean onlyFinalAhead = ahead == 1 && running != null && running.isFinal();
            if (!onlyFinalAhead) {
                core.sender.execute(() -> core.say(replyTo, words.get("queued")));
            }
        }
    }

    private Messages wordsFor(ThreadKey thread, Optional<Locale> locale, String text) {
        return Messages.of(SessionRegistry.languageOf(core.store.binding(thread), locale, text));
    }

    private void run(IncomingMessage message, Intent intent, ChatThread chat) {
        runIntent(message, intent, chat);
    }

    private void runIntent(IncomingMessage m, Intent intent, ChatThread chat) {
        Optional<ThreadBinding> existing = core.store.binding(m.thread());
        Messages words = Messages.of(SessionRegistry.languageOf(existing, m.locale(), m.text()));
        SkillProfile skill = core.skill(m.thread(), existing);
        try {
            switch (intent) {
                case HELP -> core.say(chat, help(skill, words));
                case CREDITS -> credits(chat, skill, words);
                case STATUS -> status(chat, existing, skill, words);
                case EXPORT -> renders.export(chat, m.author(), sessions.ensure(m.thread(), m.locale(), m.text()), words);
                case UPLOAD -> upload(m, chat, words);
                default -> chat(m, chat, words, m.text());
            }
        } catch (NemoException e) {
            if (e.kind() == NemoException.Kind.SESSION_NOT_FOUND && existing.isPresent() && intent != Intent.CHAT) {
                sessions.renew(existing.get());
                core.say(chat, words.get("session.reset"));
                return;
            }
            LOG.info("{} in {} refused: {} (HTTP {}, code {})", intent, m.thread(), e.kind(), e.httpStatus(),
                    e.backendCode().orElse(null));
            core.say(chat, ErrorWording.of(e, words, core.config.registerUrl(), existing.flatMap(ThreadBinding::bindId),
                    core.nemo.registeredAccount(), skill.maxUploadBytes()));
        } catch (RuntimeException e) {
            LOG.error("{} in {} failed", intent, m.thread(), e);
            core.say(chat, words.get("error.internal"));
        }
    }

    private void chat(IncomingMessage m, ChatThread chat, Messages words, String raw) {
        String text = clean(raw);
        if (text.isBlank()) {
            core.say(chat, words.get("empty.message"));
            return;
        }
        int max = core.config.scriptMaxChars();
        if (clean(m.text()).length() > max) {
            core.say(chat, words.get("message.toolong", "chars", clean(m.text()).length(), "max", max));
            return;
        }
        Optional<String> refusal = dailyLimit(m, words);
        if (refusal.isPresent()) {
            core.say(chat, refusal.get());
            return;
        }
        boolean newSession = core.store.binding(m.thread()).flatMap(ThreadBinding::sessionId).isEmpty();
        ThreadBinding binding = sessions.ensure(m.thread(), m.locale(), text);
        turns.run(chat, binding, newSession, text, Messages.of(binding.language()));
    }

    /** Without control characters (other than line breaks and tabs) and surrounding blanks. */
    static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replaceAll("[\\u200B\\uFEFF]", "").strip();
    }

    private Optional<String> dailyLimit(IncomingMessage m, Messages words) {
        LocalDate today = LocalDate.now(core.clock.withZone(ZoneOffset.UTC));
        int userMax = core.config.userDailyTurns();
        String userKey = m.thread().platform() + ":" + m.author().id();
        if (userMax > 0 && core.store.turns(userKey, today) >= userMax) {
            return Optional.of(words.get("limit.daily.user", "max", userMax));
        }
        int channelMax = core.config.channelDailyTurns();
        String channelKey = "channel:" + m.thread().platform() + ":" + m.thread().channel();
        if (channelMax > 0 && core.store.turns(channelKey, today) >= channelMax) {
            return Optional.of(words.get("limit.daily.channel", "max", channelMax));
        }
        core.store.countTurn(userKey, today);
        if (channelMax > 0) {
            core.store.countTurn(channelKey, today);
        }
        return Optional.empty();
    }

    private void credits(ChatThread chat, SkillProfile skill, Messages words) {
        Credits c = core.nemo.credits(core.headers(skill));
        core.say(chat, words.get("credits", "available", c.available(), "frozen", c.frozen(), "total", c.total()));
    }

    private void status(ChatThread chat, Optional<ThreadBinding> binding, SkillProfile skill, Messages words) {
        if (binding.isEmpty() || binding.get().sessionId().isEmpty()) {
            core.say(chat, words.get("status.nosession"));
            return;
        }
        var draft = core.nemo.state(core.headers(skill), binding.get().sessionId().get()).draft();
        Timeline timeline = Timeline.of(draft, words);
        if (timeline.tracks().isEmpty()) {
            core.say(chat, words.get("status.empty"));
            return;
        }
        core.say(chat, new OutgoingMessage(timeline.summary(words), List.of(Action.EXPORT)));
    }

    private void upload(IncomingMessage m, ChatThread chat, Messages words) {
        if (m.attachments().isEmpty()) {
            core.say(chat, words.get("upload.hint", "formats", MediaCheck.acceptedList(), "scripts", MediaCheck.scriptList()));
            return;
        }
        ThreadBinding binding = sessions.ensure(m.thread(), m.locale(), m.text());
        Uploads.Result result = uploads.handle(chat, binding, m.attachments(), words);
        if (!result.lines().isEmpty()) {
            core.say(chat, String.join("\n", result.lines()));
        }
        String typed = m.text().strip();
        boolean onlyKeyword = router.route(typed, false) == Intent.UPLOAD;
        List<String> parts = new ArrayList<>();
        if (!typed.isEmpty() && !onlyKeyword) {
            parts.add(typed);
        }
        parts.addAll(result.scripts());
        if (!parts.isEmpty() && (!result.scripts().isEmpty() || !typed.isEmpty())) {
            chat(m, chat, words, String.join("\n\n", parts));
        }
    }

    private static String help(SkillProfile skill, Messages words) {
        StringBuilder s = new StringBuilder(skill.greeting(words.language())).append("\n\n").append(words.get("help.examples"));
        for (String example : skill.examples()) {
            s.append("\n• ").append(example);
        }
        if (!skill.tips().isEmpty()) {
            s.append("\n\n");
            for (String tip : skill.tips()) {
                s.append("💡 ").append(tip).append('\n');
            }
        }
        return s.append('\n').append(words.get("help.commands")).toString().strip();
    }

    @Override
    public String help(ThreadKey thread, Optional<Locale> locale) {
        Optional<ThreadBinding> binding = core.store.binding(thread);
        return help(core.skill(thread, binding), Messages.of(SessionRegistry.languageOf(binding, locale, "")));
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
        return core.skill(thread, core.store.binding(thread)).examples();
    }

    @Override
    public boolean isConversation(ThreadKey thread) {
        return core.store.binding(thread).isPresent();
    }

    @Override
    public void claim(ThreadKey thread) {
        sessions.claim(thread, "en");
    }
}
