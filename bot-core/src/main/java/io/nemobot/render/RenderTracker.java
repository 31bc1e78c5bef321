package io.nemobot.render;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.BotConfig;
import io.nemobot.config.SkillProfile;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.RenderOutcome;
import io.nemobot.nemo.Draft;
import io.nemobot.fleet.Fleet;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.NemoException;
import io.nemobot.nemo.RenderStatus;
import io.nemobot.nemo.SkillHeaders;
import io.nemobot.ops.LogContext;
import io.nemobot.reply.LandingRecord;
import io.nemobot.reply.LiveReply;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.PendingRender;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import io.nemobot.words.Timeline;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export: the draft-ready check, the submit, a progress message ("⏳ Rendering… 40%") kept up to
 * date while polling, and the MP4 link posted in the thread. Renders in flight are in the store, so
 * a restarted bot resumes polling them and still posts the link to the right thread. Each render's end
 * is counted by outcome with its duration since it was submitted. In a fleet, the
 * process holding a render's lease polls it; one that lost the lease stops, and the new holder posts.
 * The link is posted once across crashes and processes ({@link RenderLinks}).
 */
public final class RenderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RenderTracker.class);
    private static final int MAX_POLL_ERRORS = 5;
    private final Settings settings;
    private final NemoClient nemo;
    private final Store store;
    private final ThreadSkills skills;
    private final Platforms platforms;
    private final Notices notices;
    private final Fleet fleet;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final BotMetrics metrics;
    private final RenderLinks links;
    private final SecureRandom random = new SecureRandom();
    private final ActiveRenders active = new ActiveRenders();

    /**
     * @param pollInterval between two status reads of a render
     * @param timeout      a render still running after this long is cancelled
     * @param mentionAfter a link that took at least this long mentions who asked for it
     */
    public record Settings(Duration pollInterval, Duration timeout, Duration mentionAfter) {
        public Settings {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(mentionAfter, "mentionAfter");
        }

        public static Settings of(BotConfig config) {
            return new Settings(config.renderPollInterval(), config.renderTimeout(), config.mentionAfter());
        }
    }

    /** {@code scheduler} waits between polls; {@code workers} make them (a poll may block). */
    public RenderTracker(Settings settings, NemoClient nemo, Store store, ThreadSkills skills, Platforms platforms,
            Notices notices, Fleet fleet, Clock clock, ScheduledExecutorService scheduler, Executor workers,
            BotMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.store = Objects.requireNonNull(store, "store");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.links = new RenderLinks(store, fleet, platforms);
    }

    public int active() {
        return active.size();
    }

    /** Waits until no render is in flight (each has posted its link or its failure), at most {@code timeout}. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        return active.awaitNone(timeout);
    }

    /** Runs the export of a thread's session (inside the thread's lane). */
    public void export(ChatThread chat, Author author, ThreadBinding binding, Messages words) {
        if (binding.sessionId().isEmpty()) {
            notices.say(chat, words.get("status.nosession"));
            return;
        }
        if (active.has(chat.key())) {
            notices.say(chat, words.get("export.already"));
            return;
        }
        SkillProfile skill = skills.of(chat.key(), Optional.of(binding));
        SkillHeaders headers = skills.headers(skill);
        String sessionId = binding.sessionId().get();
        Draft draft = nemo.state(headers, sessionId).draft();
        if (!Timeline.ready(draft)) {
            notices.say(chat, words.get("export.notready"));
            return;
        }
        String renderId = nemo.submitRender(headers, sessionId, draft, this::newRenderId);
        fleet.takeRender(renderId); // before it is stored: no other process's sweep sees it unleased
        PendingRender pending = new PendingRender(renderId, chat.key(), sessionId, skill.id(), author.id(),
                author.displayName(), null, clock.instant());
        LandingRecord record = record(pending);
        LiveReply progress = platforms.reply(chat, record);
        progress.start(words.get("export.progress", "progress", 0));
        record.save();
        LOG.info("Render {} submitted for session {} in {}", renderId, sessionId, chat.key());
        track(pending, chat, progress, record, words);
    }

    /** The render's stored record, its progress message's id saved once that message has landed. */
    private LandingRecord record(PendingRender pending) {
        return new LandingRecord((open, settled) -> store.savePendingRender(
                pending.withProgressMessage(open == null ? null : open.id())));
    }

    /** Resumes a render found in the store after a restart. */
    public void resume(PendingRender pending, ChatThread chat) {
        Messages words = Messages.of(store.binding(pending.thread()).map(ThreadBinding::language).orElse("en"));
        LandingRecord record = record(pending);
        LiveReply progress = platforms.reply(chat, record);
        if (pending.progressMessage() != null) {
            progress.adopt(new MessageHandle(pending.progressMessage()), words.get("export.progress", "progress", 0));
        } else {
            progress.start(words.get("export.progress", "progress", 0));
        }
        LOG.info("Resuming render {} of {}", pending.renderId(), pending.thread());
        track(pending, chat, progress, record, words);
    }

    private String newRenderId() {
        return "render_" + clock.millis() + "_" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private record Poll(PendingRender render, ChatThread chat, LiveReply progress, LandingRecord record, Messages words,
            int errors, int lastProgress) {
        Poll next(int errorsNow, int progressNow) {
            return new Poll(render, chat, progress, record, words, errorsNow, progressNow);
        }
    }

    private void track(PendingRender pending, ChatThread chat, LiveReply progress, LandingRecord record, Messages words) {
        active.add(chat.key(), pending.renderId());
        schedule(new Poll(pending, chat, progress, record, words, 0, -1), Duration.ZERO);
    }

    private void schedule(Poll poll, Duration delay) {
        Runnable once = LogContext.carry((Runnable) () -> poll(poll));
        try {
            scheduler.schedule(() -> workers.execute(once), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; render {} stays in the store", poll.render().renderId());
        }
    }

    /** One poll; whatever fails in it, the render is polled again or ended, never left holding its thread's export. */
    private void poll(Poll p) {
        try {
            pollOnce(p);
        } catch (RuntimeException e) {
            LOG.warn("Render {} could not be followed up", p.render().renderId(), e);
            if (!active.isActive(p.render().thread(), p.render().renderId())) {
                return; // it failed while ending: it has ended, and its link is not posted twice
            }
            if (p.errors() + 1 >= MAX_POLL_ERRORS) {
                end(p, p.words().get("export.lost"), null, RenderOutcome.FAILED);
            } else {
                schedule(p.next(p.errors() + 1, p.lastProgress()),
                        settings.pollInterval());
            }
        }
    }

    private void pollOnce(Poll p) {
        PendingRender r = p.render();
        if (fleet.shared() && !fleet.holdsRender(r.renderId())) {
            // This process stopped renewing (a long pause) and another took the render over: it posts the link.
            LOG.info("Render {} is polled by another process now; stopping here", r.renderId());
            active.end(r.thread(), r.renderId());
            return;
        }
        SkillHeaders headers = skills.headers(skills.byId(r.skillId()));
        Duration age = Duration.between(r.startedAt(), clock.instant());
        RenderStatus status;
        try {
            status = nemo.pollRender(headers, r.renderId());
        } catch (NemoException e) {
            int errors = p.errors() + 1;
            LOG.info("Polling render {} failed ({} in a row): {}", r.renderId(), errors, e.kind());
            if (errors >= MAX_POLL_ERRORS) {
                end(p, p.words().get("export.lost"), null, RenderOutcome.FAILED);
            } else if (age.compareTo(settings.timeout()) > 0) {
                giveUp(p, headers);
            } else {
                schedule(p.next(errors, p.lastProgress()), settings.pollInterval());
            }
            return;
        }
        switch (status.phase()) {
            case COMPLETED: {
                Optional<String> url = status.url().or(() -> nemo.fallbackDownloadUrl(headers, r.renderId()));
                if (url.isEmpty()) {
                    end(p, p.words().get("export.nolink"), null, RenderOutcome.COMPLETED);
                } else {
                    end(p, links.doneText(r, p.words(), url.get()), url.get(), RenderOutcome.COMPLETED);
                }
                return;
            }
            case FAILED:
                LOG.info("Render {} failed: {}", r.renderId(), status.error().orElse("no reason given"));
                end(p, p.words().get("export.failed"), null, RenderOutcome.FAILED);
                return;
            case CANCELLED:
                LOG.info("Render {} was cancelled at the backend", r.renderId());
                end(p, p.words().get("export.cancelled"), null, RenderOutcome.CANCELLED);
                return;
            default:
                if (age.compareTo(settings.timeout()) > 0) {
                    giveUp(p, headers);
                    return;
                }
                if (status.progress() != p.lastProgress()) {
                    p.progress().text(p.words().get("export.progress", "progress", status.progress()));
                }
                schedule(p.next(0, status.progress()), settings.pollInterval());
        }
    }

    private void giveUp(Poll p, SkillHeaders headers) {
        try {
            nemo.cancelRender(headers, p.render().renderId());
        } catch (NemoException e) {
            LOG.info("Cancelling render {} failed: {}", p.render().renderId(), e.kind());
        }
        end(p, p.words().get("export.timeout", "limit", Messages.elapsed(settings.timeout())), null,
                RenderOutcome.TIMED_OUT);
    }

    private void end(Poll p, String progressText, String url, RenderOutcome outcome) {
        PendingRender r = p.render();
        try {
            // The progress message shows the end before the link arrives under it.
            p.progress().finish(progressText, List.of()).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.info("The progress message of render {} could not be updated: {}", r.renderId(), e.toString());
        }
        try {
            if (url != null) {
                boolean late = Duration.between(r.startedAt(), clock.instant()).compareTo(settings.mentionAfter()) >= 0;
                String mention = late ? p.chat().mention(new Author(r.requesterId(), r.requesterName(), false)) + " " : "";
                links.post(r, p.chat(), p.words().get("export.link", "mention", mention, "url", url));
            }
            p.record().end(() -> store.deletePendingRender(r.renderId()));
            fleet.releaseRender(r.renderId());
        } finally {
            active.end(r.thread(), r.renderId()); // the thread may export again, whatever happened here
            metrics.render(outcome, Duration.between(r.startedAt(), clock.instant()));
        }
    }
}
