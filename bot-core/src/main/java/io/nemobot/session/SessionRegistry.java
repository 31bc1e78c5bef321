package io.nemobot.session;

import io.nemobot.chat.ThreadKey;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.SessionInfo;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Language;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat thread → backend session, persisted. Sessions are created lazily by the thread's first turn;
 * callers run inside the thread's lane, so two messages of a new thread create exactly one.
 */
public final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    private final Store store;
    private final NemoClient nemo;
    private final ThreadSkills skills;
    private final Clock clock;

    public SessionRegistry(Store store, NemoClient nemo, ThreadSkills skills, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Optional<ThreadBinding> binding(ThreadKey thread) {
        return store.binding(thread);
    }

    /** Marks a thread as held by the bot, before any session exists. */
    public void claim(ThreadKey thread, String language) {
        if (store.binding(thread).isEmpty()) {
            SkillProfile skill = skills.forChannel(thread.channel());
            store.saveBinding(ThreadBinding.claimed(thread, skill.id(), language, clock.instant()));
        }
    }

    /** The thread's binding with a session, creating the session if it has none. */
    public ThreadBinding ensure(ThreadKey thread, Optional<Locale> locale, String text) {
        Optional<ThreadBinding> existing = store.binding(thread);
        if (existing.isPresent() && existing.get().sessionId().isPresent()) {
            return existing.get();
        }
        String language = existing.map(ThreadBinding::language)
                .filter(l -> locale.isEmpty() && !Language.hasChinese(text))
                .orElseGet(() -> Language.detect(locale, text));
        SkillProfile skill = skills.of(thread, existing);
        ThreadBinding base = existing.orElseGet(() -> ThreadBinding.claimed(thread, skill.id(), language, clock.instant()));
        return create(base, language);
    }

    /** The session is gone (1002): a new one for the same thread, skill and language. */
    public ThreadBinding renew(ThreadBinding old) {
        LOG.info("Session {} of {} is gone; creating a new one", old.sessionId().orElse("-"), old.thread());
        return create(old, old.language());
    }

    private ThreadBinding create(ThreadBinding base, String language) {
        SkillProfile skill = skills.of(base.thread(), Optional.of(base));
        SessionInfo info = nemo.createSession(skills.headers(skill), language);
        ThreadBinding bound = base.withSession(info.sessionId(), info.taskId(), info.userId(), language, clock.instant());
        store.saveBinding(bound);
        LOG.info("Thread {} bound to session {} (skill {}, language {})", base.thread(), info.sessionId(), skill.id(), language);
        return bound;
    }

    /** A thread only claimed (no session yet, e.g. opened by a slash command) takes the language of its first words. */
    public static String languageOf(Optional<ThreadBinding> binding, Optional<Locale> locale, String text) {
        return binding.filter(b -> b.sessionId().isPresent() || (locale.isEmpty() && !Language.hasChinese(text)))
                .map(ThreadBinding::language).orElseGet(() -> Language.detect(locale, text));
    }
}
