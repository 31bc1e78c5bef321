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

    final BotConfig config;
    final NemoClient nemo;
    final Store store;
    final Clock clock;
    final LongSupplier nanos;
    final ScheduledExecutorService scheduler;
    final ExecutorService workers;
    final ExecutorService sender;
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

    void say(ChatThread chat, io.nemobot.chat.OutgoingMessage message) {
        try {
            pacerOf(chat.key().platform()).ifPresent(p -> p.spend(chat.key()));
            chat.post(message);
        } catch (RuntimeException e) {
            LOG.warn("Could not post in {}: {}", chat.key(), e.toString());
        }
    }
}
