package io.nemobot.conversation;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.BotConfig;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.SkillHeaders;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every part of the conversation core shares: configuration, backend, store, time, threads, platforms. */
final class CoreContext {
    private static final Logger LOG = LoggerFactory.getLogger(CoreContext.class);
    private static final java.time.Duration SAY_WAIT = java.time.Duration.ofMinutes(10);

    final BotConfig config;
    final NemoClient nemo;
    final Store store;
    final Clock clock;
    final LongSupplier nanos;
    final ScheduledExecutorService scheduler;
    final ExecutorService workers;
    final ExecutorService sender;
    /** Set when the core shuts down: work in flight then leaves its records for the next start. */
    volatile boolean closing;
    /**
     * The live reply of each thread's running chat turn: a message waiting behind it hurries its final
     * text, and is not told to wait when that final text is all that is left of the turn.
     */
    final Map<ThreadKey, LiveReply> ending = new ConcurrentHashMap<>();
    /** Whether messages of a thread wait behind the one running (set by the conversation service). */
    volatile java.util.function.Predicate<ThreadKey> waitingBehind = key -> false;
    private final Map<String, ChatPlatform> platforms = new ConcurrentHashMap<>();
    private final Map<String, EditPacer> pacers = new ConcurrentHashMap<>();

    CoreContext(BotConfig config, NemoClient nemo, Store store, Clock clock, LongSupplier nanos,
            ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService sender) {
        this.config = config;
        this.nemo = nemo;
        this.store = store;
        this.clock = clock;
        this.nanos = nanos;
        this.scheduler = scheduler;
        this.workers = workers;
        this.sender = sender;
    }

    void register(ChatPlatform platform) {
        PlatformProfile profile = platform.profile();
        platforms.put(profile.name(), platform);
        pacers.put(profile.name(), new EditPacer(profile, scheduler, sender, nanos));
    }

    EditPacer pacer(ThreadKey thread) {
        EditPacer pacer = pacers.get(thread.platform());
        if (pacer == null) {
            throw new IllegalStateException("platform " + thread.platform() + " is not registered with the core");
        }
        return pacer;
    }

    Optional<EditPacer> pacerOf(String platform) {
        return Optional.ofNullable(pacers.get(platform));
    }

    Optional<ChatThread> thread(ThreadKey key) {
        ChatPlatform platform = platforms.get(key.platform());
        return platform == null ? Optional.empty() : Optional.of(platform.thread(key));
    }

    SkillProfile skill(ThreadKey thread, Optional<ThreadBinding> binding) {
        if (binding.isPresent()) {
            Optional<SkillProfile> bound = config.skills().byId(binding.get().skillId());
            if (bound.isPresent()) {
                return bound.get();
            }
        }
        return config.skills().forChannel(thread.channel());
    }

    SkillHeaders headers(SkillProfile skill) {
        return skill.headers(config.skillPlatform());
    }

    /** Posts a one-off message, logging (never throwing) when the platform refuses. */
    void say(ChatThread chat, String text) {
        say(chat, io.nemobot.chat.OutgoingMessage.of(text));
    }

    /**
     * Posts a one-off message within the platform's budgets, waiting out rate limits like any reply
     * (a refused post used to be dropped: a render link could be lost), and returns once it is shown
     * or the platform refused it for good (logged, never thrown).
     */
    void say(ChatThread chat, io.nemobot.chat.OutgoingMessage message) {
        Optional<EditPacer> pacer = pacerOf(chat.key().platform());
        try {
            if (pacer.isEmpty()) {
                chat.post(message);
                return;
            }
            new LiveReply(chat, pacer.get(), nanos).finish(message.text(), message.actions())
                    .get(SAY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("Could not post in {}: {}", chat.key(), e.getCause().toString());
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("Could not post in {}: {}", chat.key(), e.toString());
        }
    }
}
