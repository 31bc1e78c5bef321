package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.Draft;
import io.nemobot.nemo.NemoException;
import io.nemobot.store.ThreadBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a stream was cut (or timed out) the message may or may not have been applied, and sending it
 * again could do the work twice. So: read the state after a while; changed → say what changed;
 * unchanged → read again at an interval; after the configured number of unchanged reads → say it
 * failed and offer a retry (which the user must ask for).
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private final CoreContext core;
    private final Map<ThreadKey, String> retryable = new ConcurrentHashMap<>();

    Recovery(CoreContext core) {
        this.core = core;
    }

    /** The message the user may retry in this thread (after a failed recovery), taking it. */
    Optional<String> takeRetry(ThreadKey thread) {
        return Optional.ofNullable(retryable.remove(thread));
    }

    void watch(ChatThread chat, ThreadBinding binding, String text, Draft before, Messages words) {
        schedule(new Watch(chat, binding, text, before == null ? Draft.none() : before, words, 0),
                core.config.recoveryFirstCheck());
    }

    private record Watch(ChatThread chat, ThreadBinding binding, String text, Draft before, Messages words, int reads) {
    }

    private void schedule(Watch w, Duration delay) {
        try {
            core.scheduler.schedule(() -> core.workers.execute(() -> check(w)), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; recovery check of {} dropped", w.chat().key());
        }
    }

    private void check(Watch w) {
        int reads = w.reads() + 1;
        try {
            SkillProfile skill = core.skill(w.chat().key(), Optional.of(w.binding()));
            Draft after = core.nemo.state(core.headers(skill), w.binding().sessionId().orElseThrow()).draft();
            String changes = describeChanges(w.before(), after, w.words());
            if (changes != null) {
                core.say(w.chat(), new OutgoingMessage(w.words().get("recovery.changed", "changes", changes),
                        List.of(Action.EXPORT, Action.TIMELINE)));
                return;
            }
        } catch (NemoException e) {
            LOG.info("Recovery read {} of {} failed: {}", reads, w.chat().key(), e.kind());
        } catch (RuntimeException e) {
            LOG.warn("Recovery read {} of {} failed", reads, w.chat().key(), e);
        }
        if (reads >= core.config.recoveryChecks()) {
            retryable.put(w.chat().key(), w.text());
            core.say(w.chat(), new OutgoingMessage(w.words().get("recovery.failed"), List.of(Action.RETRY)));
            return;
        }
        schedule(new Watch(w.chat(), w.binding(), w.text(), w.before(), w.words(), reads), core.config.recoveryInterval());
    }

    /**
     * "Title added: …; BGM changed: …", or null when the drafts show no change. A {@code before} that
     * is null or empty (a session made for this turn, or a state that could not be read) counts as a
     * timeline without tracks: only tracks that appeared are a change.
     */
    static String describeChanges(Draft before, Draft after, Messages words) {
        Draft old = before == null ? Draft.none() : before;
        if (old.equals(after)) {
            return null;
        }
        Timeline was = Timeline.of(old, words);
        Timeline now = Timeline.of(after, words);
        List<String> changes = now.changesSince(was, words);
        if (changes.isEmpty()) {
            return old.isNone() ? null : now.summary(words);
        }
        return String.join("; ", changes);
    }
}
