package io.nemobot.conversation;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.Draft;
import io.nemobot.nemo.NemoException;
import io.nemobot.nemo.RenderStatus;
import io.nemobot.nemo.SkillHeaders;
import io.nemobot.store.PendingRender;
import io.nemobot.store.ThreadBinding;
import java.security.SecureRandom;
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
 * Export: the draft-ready check, the submit, a progress message ("⏳ Rendering… 40%") kept up to
 * date while polling, and the MP4 link posted in the thread. Renders in flight are in the store, so
 * a restarted bot resumes polling them and still posts the link to the right thread.
 */
final class RenderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(RenderTracker.class);
    private static final int MAX_POLL_ERRORS = 5;
    private final CoreContext core;
    private final SecureRandom random = new SecureRandom();
    private final Map<ThreadKey, String> active = new ConcurrentHashMap<>();

    RenderTracker(CoreContext core) {
        this.core = core;
    }

    int active() {
        return active.size();
    }

    /** Runs the export of a thread's session (inside the thread's lane). */
    void export(ChatThread chat, Author author, ThreadBinding binding, Messages words) {
        if (binding.sessionId().isEmpty()) {
            core.say(chat, words.get("status.nosession"));
            return;
        }
        if (active.containsKey(chat.key())) {
            core.say(chat, words.get("export.already"));
            return;
        }
        SkillProfile skill = core.skill(chat.key(), Optional.of(binding));
        SkillHeaders headers = core.headers(skill);
        String sessionId = binding.sessionId().get();
        Draft draft = core.nemo.state(headers, sessionId).draft();
        if (!Timeline.ready(draft)) {
            core.say(chat, words.get("export.notready"));
            return;
        }
        String renderId = core.nemo.submitRender(headers, sessionId, draft, this::newRenderId);
        LiveReply progress = new LiveReply(chat, core.pacer(chat.key()), core.nanos);
        progress.start(words.get("export.progress", "progress", 0));
        MessageHandle handle = progress.firstMessage();
        PendingRender pending = new PendingRender(renderId, chat.key(), sessionId, skill.id(), author.id(),
                author.displayName(), handle == null ? null : handle.id(), core.clock.instant());
        core.store.savePendingRender(pending);
        LOG.info("Render {} submitted for session {} in {}", renderId, sessionId, chat.key());
        track(pending, chat, progress, words);
    }

    /** Resumes a render found in the store after a restart. */
    void resume(PendingRender pending, ChatThread chat) {
        Messages words = Messages.of(core.store.binding(pending.thread()).map(ThreadBinding::language).orElse("en"));
        LiveReply progress = new LiveReply(chat, core.pacer(chat.key()), core.nanos);
        if (pending.progressMessage() != null) {
            progress.adopt(new MessageHandle(pending.progressMessage()), words.get("export.progress", "progress", 0));
        } else {
            progress.start(words.get("export.progress", "progress", 0));
        }
        LOG.info("Resuming render {} of {}", pending.renderId(), pending.thread());
        track(pending, chat, progress, words);
    }

    private String newRenderId() {
        return "render_" + core.clock.millis() + "_" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private record Poll(PendingRender render, ChatThread chat, LiveReply progress, Messages words, int errors, int lastProgress) {
    }

    private void track(PendingRender pending, ChatThread chat, LiveReply progress, Messages words) {
        active.put(chat.key(), pending.renderId());
        schedule(new Poll(pending, chat, progress, words, 0, -1), Duration.ZERO);
    }

    private void schedule(Poll poll, Duration delay) {
        try {
            core.scheduler.schedule(() -> core.workers.execute(() -> poll(poll)), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Shutting down; render {} stays in the store", poll.render().renderId());
        }
    }

    private void poll(Poll p) {
        PendingRender r = p.render();
        SkillHeaders headers = core.headers(core.config.skills().byId(r.skillId()).orElse(core.config.skills().defaultProfile()));
        Duration age = Duration.between(r.startedAt(), core.clock.instant());
        RenderStatus status;
        try {
            status = core.nemo.pollRender(headers, r.renderId());
        } catch (NemoException e) {
            int errors = p.errors() + 1;
            LOG.info("Polling render {} failed ({} in a row): {}", r.renderId(), errors, e.kind());
            if (errors >= MAX_POLL_ERRORS) {
                end(p, p.words().get("export.lost"), null);
            } else if (age.compareTo(core.config.renderTimeout()) > 0) {
                giveUp(p, headers);
            } else {
                schedule(new Poll(r, p.chat(), p.progress(), p.words(), errors, p.lastProgress()), core.config.renderPollInterval());
            }
            return;
        }
        switch (status.phase()) {
            case COMPLETED: {
                Optional<String> url = status.url().or(() -> core.nemo.fallbackDownloadUrl(headers, r.renderId()));
                if (url.isEmpty()) {
                    end(p, p.words().get("export.nolink"), null);
                } else {
                    end(p, p.words().get("export.done"), url.get());
                }
                return;
            }
            case FAILED:
                LOG.info("Render {} failed: {}", r.renderId(), status.error().orElse("no reason given"));
                end(p, p.words().get("export.failed"), null);
                return;
            default:
                if (age.compareTo(core.config.renderTimeout()) > 0) {
                    giveUp(p, headers);
                    return;
                }
                if (status.progress() != p.lastProgress()) {
                    p.progress().text(p.words().get("export.progress", "progress", status.progress()));
                }
                schedule(new Poll(r, p.chat(), p.progress(), p.words(), 0, status.progress()), core.config.renderPollInterval());
        }
    }

    private void giveUp(Poll p, SkillHeaders headers) {
        try {
            core.nemo.cancelRender(headers, p.render().renderId());
        } catch (NemoException e) {
            LOG.info("Cancelling render {} failed: {}", p.render().renderId(), e.kind());
        }
        end(p, p.words().get("export.timeout", "limit", Messages.elapsed(core.config.renderTimeout())), null);
    }

    private void end(Poll p, String progressText, String url) {
        PendingRender r = p.render();
        try {
            // The progress message shows the end before the link arrives under it.
            p.progress().finish(progressText, List.of()).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.info("The progress message of render {} could not be updated: {}", r.renderId(), e.toString());
        }
        if (url != null) {
            boolean late = Duration.between(r.startedAt(), core.clock.instant()).compareTo(core.config.mentionAfter()) >= 0;
            String mention = late ? p.chat().mention(new Author(r.requesterId(), r.requesterName(), false)) + " " : "";
            core.say(p.chat(), OutgoingMessage.of(p.words().get("export.link", "mention", mention, "url", url)));
            LOG.info("Render {} of {} delivered", r.renderId(), r.thread());
        }
        core.store.deletePendingRender(r.renderId());
        active.remove(r.thread(), r.renderId());
    }
}
