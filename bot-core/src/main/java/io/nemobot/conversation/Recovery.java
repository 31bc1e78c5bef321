package io.nemobot.conversation;

import com.google.gson.JsonObject;
import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.BotConfig;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.NemoException;
import io.nemobot.store.ThreadBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
    private final Settings settings;
    private final NemoClient nemo;
    private final ThreadSkills skills;
    private final Notices notices;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Map<ThreadKey, String> retryable = new ConcurrentHashMap<>();

    /**
     * @param firstCheck how long after the cut the state is first read
     * @param interval   between further reads while it shows no change
     * @param checks     unchanged reads after which the turn counts as failed (a retry is offered)
     */
    record Settings(Duration firstCheck, Duration interval, int checks) {
        Settings {
            Objects.requireNonNull(firstCheck, "firstCheck");
            Objects.requireNonNull(interval, "interval");
            if (checks < 1) {
                throw new IllegalArgumentException("checks must be at least 1: " + checks);
            }
        }

        static Settings of(BotConfig config) {
            return new Settings(config.recoveryFirstCheck(), config.recoveryInterval(), config.recoveryChecks());
        }
    }

    /** {@code scheduler} waits between reads; {@code workers} make them (a read may block). */
    Recovery(Settings settings, NemoClient nemo, ThreadSkills skills, Notices notices, ScheduledExecutorService scheduler,
            Executor workers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** The message the user may retry in this thread (after a failed recovery), taking it. */
    Optional<String> takeRetry(ThreadKey thread) {
        return Optional.ofNullable(retryable.remove(thread));
    }

    void watch(ChatThread chat, ThreadBinding binding, String text, JsonObject before, Messages words) {
        schedule(new Watch(chat, binding, text, before == null ? new JsonObject() : before, words, 0),
                settings.firstCheck());
    }

    private record Watch(ChatThread chat, ThreadBinding binding, String text, JsonObject before, Messages words, int reads) {
    }

    private void schedule(Watch w, Duration delay) {
        try {
            scheduler.schedule(() -> workers.execute(() -> check(w)), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; recovery check of {} dropped", w.chat().key());
        }
    }

    private void check(Watch w) {
        int reads = w.reads() + 1;
        try {
            SkillProfile skill = skills.of(w.chat().key(), Optional.of(w.binding()));
            JsonObject after = nemo.state(skills.headers(skill), w.binding().sessionId().orElseThrow()).draft();
            String changes = describeChanges(w.before(), after, w.words());
            if (changes != null) {
                notices.say(w.chat(), new OutgoingMessage(w.words().get("recovery.changed", "changes", changes),
                        List.of(Action.EXPORT, Action.TIMELINE)));
                return;
            }
        } catch (NemoException e) {
            LOG.info("Recovery read {} of {} failed: {}", reads, w.chat().key(), e.kind());
        } catch (RuntimeException e) {
            LOG.warn("Recovery read {} of {} failed", reads, w.chat().key(), e);
        }
        if (reads >= settings.checks()) {
            retryable.put(w.chat().key(), w.text());
            notices.say(w.chat(), new OutgoingMessage(w.words().get("recovery.failed"), List.of(Action.RETRY)));
            return;
        }
        schedule(new Watch(w.chat(), w.binding(), w.text(), w.before(), w.words(), reads), settings.interval());
    }

    /**
     * "Title added: …; BGM changed: …", or null when the drafts show no change. A {@code before} that
     * is null or empty (a session made for this turn, or a state that could not be read) counts as a
     * timeline without tracks: only tracks that appeared are a change.
     */
    static String describeChanges(JsonObject before, JsonObject after, Messages words) {
        JsonObject old = before == null ? new JsonObject() : before;
        if (old.equals(after)) {
            return null;
        }
        Timeline was = Timeline.of(old, words);
        Timeline now = Timeline.of(after, words);
        List<String> changes = now.changesSince(was, words);
        if (changes.isEmpty()) {
            return old.size() == 0 ? null : now.summary(words);
        }
        return String.join("; ", changes);
    }
}
