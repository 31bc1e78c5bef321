package io.nemobot.recovery;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.config.BotConfig;
import io.nemobot.config.SkillProfile;
import io.nemobot.metrics.TurnOutcome;
import io.nemobot.ops.LogContext;
import io.nemobot.nemo.Draft;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.NemoException;
import io.nemobot.reply.Notices;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import io.nemobot.words.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery from a cut stream (a restart is {@link AfterRestart}'s). After a stream was cut (or timed
 * out) the message may or may not have been applied, and sending it again could do the work twice. So: read the state after a while; changed → say what changed;
 * unchanged → read again at an interval; after the configured number of unchanged reads → say it
 * failed and offer a retry (which the user must ask for).
 */
public final class CutStreamRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CutStreamRecovery.class);
    private final Settings settings;
    private final NemoClient nemo;
    private final ThreadSkills skills;
    private final Notices notices;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final RetryOffers retries;

    /**
     * @param firstCheck how long after the cut the state is first read
     * @param interval   between further reads while it shows no change
     * @param checks     unchanged reads after which the turn counts as failed (a retry is offered)
     */
    public record Settings(Duration firstCheck, Duration interval, int checks) {
        public Settings {
            Objects.requireNonNull(firstCheck, "firstCheck");
            Objects.requireNonNull(interval, "interval");
            if (checks < 1) {
                throw new IllegalArgumentException("checks must be at least 1: " + checks);
            }
        }

        public static Settings of(BotConfig config) {
            return new Settings(config.recoveryFirstCheck(), config.recoveryInterval(), config.recoveryChecks());
        }
    }

    /** {@code scheduler} waits between reads; {@code workers} make them (a read may block). */
    public CutStreamRecovery(Settings settings, NemoClient nemo, ThreadSkills skills, Notices notices, RetryOffers retries,
            ScheduledExecutorService scheduler, Executor workers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * Watches the session after a cut stream; {@code ended} is told the turn's outcome once it is known:
     * {@link TurnOutcome#RECOVERED} when the change landed, {@link TurnOutcome#FAILED} when it did not.
     */
    public void watch(ChatThread chat, ThreadBinding binding, String text, Draft before, Messages words,
            Consumer<TurnOutcome> ended) {
        schedule(new Watch(chat, binding, text, before == null ? Draft.none() : before, words, 0, ended),
                settings.firstCheck());
    }

    private record Watch(ChatThread chat, ThreadBinding binding, String text, Draft before, Messages words, int reads,
            Consumer<TurnOutcome> ended) {
    }

    private void schedule(Watch w, Duration delay) {
        Runnable check = LogContext.carry((Runnable) () -> check(w));
        try {
            scheduler.schedule(() -> workers.execute(check), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; recovery check of {} dropped", w.chat().key());
        }
    }

    private void check(Watch w) {
        int reads = w.reads() + 1;
        try {
            SkillProfile skill = skills.of(w.chat().key(), Optional.of(w.binding()));
            Draft after = nemo.state(skills.headers(skill), w.binding().sessionId().orElseThrow()).draft();
            String changes = Timeline.describeChanges(w.before(), after, w.words());
            if (changes != null) {
                w.ended().accept(TurnOutcome.RECOVERED);
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
            w.ended().accept(TurnOutcome.FAILED);
            retries.offer(w.chat().key(), w.text());
            notices.say(w.chat(), new OutgoingMessage(w.words().get("recovery.failed"), List.of(Action.RETRY)));
            return;
        }
        schedule(new Watch(w.chat(), w.binding(), w.text(), w.before(), w.words(), reads, w.ended()), settings.interval());
    }
}
