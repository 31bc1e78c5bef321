package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.Draft;
import io.nemobot.nemo.NemoEvent;
import io.nemobot.nemo.NemoException;
import io.nemobot.nemo.SessionState;
import io.nemobot.nemo.StreamOutcome;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.ThreadBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message through the chat stream: a live reply that follows the stream (text, progress notes
 * naming the backend's tool, "still working"), then the ending nemo-api.md prescribes: the text;
 * for a silent stream, what changed in the timeline; for a cut stream, a state check and never a
 * re-send.
 */
final class ChatTurn {
    private static final Logger LOG = LoggerFactory.getLogger(ChatTurn.class);
    private static final Duration DELIVERY_WAIT = Duration.ofMinutes(10);

    private final CoreContext core;
    private final SessionRegistry sessions;
    private final Recovery recovery;

    ChatTurn(CoreContext core, SessionRegistry sessions, Recovery recovery) {
        this.core = core;
        this.sessions = sessions;
        this.recovery = recovery;
    }

    /**
     * Runs the turn to its end (the final text delivered or given up). {@code newSession}: the session
     * was created for this message, so its timeline is known to be empty (no state read before the stream).
     */
    void run(ChatThread chat, ThreadBinding binding, boolean newSession, String text, Messages words) {
        LiveReply live = new LiveReply(chat, core.pacer(chat.key()), core.nanos);
        live.start(words.get("ack.working"));
        core.ending.put(chat.key(), live);
        try {
            core.store.saveOpenTurn(new OpenTurn(chat.key(), handleId(live), core.clock.instant()));
            if (!runToFinal(chat, live, binding, newSession, text, words)) {
                return;
            }
            // The thread's next message waits for this reply to end: if one is there, the end goes ahead.
            if (core.waitingBehind.test(chat.key())) {
                live.hurry();
            }
            awaitDelivery(live, chat);
        } finally {
            core.ending.remove(chat.key(), live);
        }
        core.store.deleteOpenTurn(chat.key());
    }

    /** The stream, then the final text asked for; false when the core is shutting down (the turn stays open). */
    private boolean runToFinal(ChatThread chat, LiveReply live, ThreadBinding binding, boolean newSession, String text,
            Messages words) {
        try {
            ThreadBinding current = binding;
            try {
                stream(chat, live, current, newSession, text, words);
            } catch (NemoException e) {
                if (e.kind() != NemoException.Kind.SESSION_NOT_FOUND) {
                    throw e;
                }
                // Refused before the stream started: the message was not accepted, so sending it to
                // the new session is not a re-send.
                current = sessions.renew(current);
                core.say(chat, words.get("session.reset"));
                stream(chat, live, current, true, text, words);
            }
        } catch (NemoException e) {
            if (Thread.currentThread().isInterrupted() || core.closing) {
                // Shutting down: the turn stays recorded as open, and the next start explains it.
                LOG.info("Shutting down during a turn in {}", chat.key());
                return false;
            }
            LOG.info("Turn in {} refused: {} (HTTP {}, code {})", chat.key(), e.kind(), e.httpStatus(),
                    e.backendCode().orElse(null));
            SkillProfile skill = core.skill(chat.key(), Optional.of(binding));
            live.finish(ErrorWording.of(e, words, core.config.registerUrl(), binding.bindId(),
                    core.nemo.registeredAccount(), skill.maxUploadBytes()), List.of());
        } catch (RuntimeException e) {
            LOG.error("Turn in {} failed", chat.key(), e);
            live.finish(words.get("error.internal"), List.of());
        }
        if (core.closing) {
            LOG.info("Shutting down after a turn in {}; it stays recorded as open", chat.key());
            return false;
        }
        return true;
    }

    private static String handleId(LiveReply live) {
        return live.firstMessage() == null ? null : live.firstMessage().id();
    }

    private void awaitDelivery(LiveReply live, ChatThread chat) {
        try {
            live.delivered().get(DELIVERY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The final reply in {} is still waiting for the platform after {}", chat.key(), DELIVERY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("The final reply in {} could not be delivered: {}", chat.key(), e.getCause().toString());
        }
    }

    private void stream(ChatThread chat, LiveReply live, ThreadBinding binding, boolean newSession, String text,
            Messages words) {
        SkillProfile skill = core.skill(chat.key(), Optional.of(binding));
        String sessionId = binding.sessionId().orElseThrow();
        // What the timeline was, to tell a silent turn's changes: a session made for this message has
        // none yet, and skipping the read takes a round trip off every new thread's first reply.
        Draft before = newSession ? Draft.none() : draftOrNull(skill, sessionId);
        Progress progress = new Progress(words, core.nanos.getAsLong());
        TurnText turnText = new TurnText(core.config.replyMaxChars());
        List<String> failures = new ArrayList<>();
        Set<String> tools = new LinkedHashSet<>();
        long stillWorkingNanos = core.config.stillWorkingInterval().toNanos();
        StatusLine statusLine = new StatusLine(chat);
        statusLine.show(words.get("progress.line", "what", words.get("progress.thinking"), "elapsed", "0s"));
        ScheduledFuture<?> ticker = core.scheduler.scheduleAtFixedRate(() -> {
                    long now = core.nanos.getAsLong();
                    String line = progress.line(now, stillWorkingNanos);
                    live.progress(progress.underText(now) ? line : null);
                    statusLine.show(line);
                },
                core.config.progressInterval().toMillis(), core.config.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
        StreamOutcome outcome;
        try {
            outcome = core.nemo.chat(core.headers(skill), sessionId, text, event -> {
                long now = core.nanos.getAsLong();
                if (event instanceof NemoEvent.Text t) {
                    if (turnText.apply(t)) {
                        progress.text(now);
                        live.progress(null); // text coming in is the progress: no line under it
                        live.text(() -> GuiTranslator.translate(turnText.visible(), words).text());
                    }
                } else if (event instanceof NemoEvent.ToolCall call) {
                    tools.add(call.name());
                    progress.tool(call.name(), now);
                    String line = progress.line(now, stillWorkingNanos);
                    live.progress(line);
                    statusLine.show(line);
                } else if (event instanceof NemoEvent.ToolResult) {
                    progress.toolDone(now);
                } else if (event instanceof NemoEvent.Failure f) {
                    LOG.info("Backend reported a failed turn in {}: {}", chat.key(), abbreviate(f.message()));
                    failures.add(f.message());
                }
            });
        } finally {
            ticker.cancel(false);
            statusLine.show(null);
        }
        LOG.info("Turn in {} (session {}) ended: {} after {}", chat.key(), sessionId, outcome.ending(), outcome.elapsed());
        if (core.closing) {
            return; // the stream ended because the bot is stopping: nothing to tell, nothing to check
        }
        finish(chat, live, skill, binding, text, words, before, turnText, failures, tools, outcome);
    }

    private void finish(ChatThread chat, LiveReply live, SkillProfile skill, ThreadBinding binding, String text,
            Messages words, Draft before, TurnText turnText, List<String> failures, Set<String> tools,
            StreamOutcome outcome) {
        GuiTranslator.Translation translated = GuiTranslator.translate(turnText.visible(), words);
        String body = translated.text();
        if (turnText.truncated()) {
            body = body + "\n\n" + words.get("reply.truncated");
        }
        List<Action> actions = new ArrayList<>(translated.actions());
        if (!tools.isEmpty() && !actions.contains(Action.EXPORT)) {
            actions.add(Action.EXPORT);
        }
        if (!tools.isEmpty() && !actions.contains(Action.TIMELINE)) {
            actions.add(Action.TIMELINE);
        }
        switch (outcome.ending()) {
            case COMPLETED:
                if (!failures.isEmpty()) {
                    String note = words.get("stream.failed");
                    live.finish(turnText.isEmpty() ? note : body + "\n\n" + note, actions);
                } else if (turnText.isEmpty()) {
                    live.finish(silentSummary(skill, binding, words, before), List.of(Action.EXPORT, Action.TIMELINE));
                } else {
                    live.finish(body, actions);
                }
                return;
            default:
                String note = words.get(outcome.ending() == StreamOutcome.Ending.CUT ? "stream.cut" : "stream.timeout");
                live.finish(turnText.isEmpty() ? note : body + "\n\n" + note, List.of());
                recovery.watch(chat, binding, text, before, words);
        }
    }

    /** A stream without text: what changed in the timeline, in a sentence. */
    private String silentSummary(SkillProfile skill, ThreadBinding binding, Messages words, Draft before) {
        Draft after = draftOrNull(skill, binding.sessionId().orElseThrow());
        if (after == null) {
            return words.get("silent.unchanged");
        }
        String changes = Recovery.describeChanges(before, after, words);
        return changes == null ? words.get("silent.unchanged") : "✅ " + changes;
    }

    private Draft draftOrNull(SkillProfile skill, String sessionId) {
        try {
            SessionState state = core.nemo.state(core.headers(skill), sessionId);
            return state.draft();
        } catch (NemoException e) {
            if (e.kind() == NemoException.Kind.SESSION_NOT_FOUND) {
                throw e;
            }
            LOG.info("Could not read the state of session {}: {}", sessionId, e.kind());
            return null;
        }
    }

    /**
     * The platform's status line (Slack's assistant status, Discord's typing): updated off the
     * stream's thread, one update at a time and in order, so the clearing one comes last.
     */
    private final class StatusLine {
        private final ChatThread chat;
        private java.util.concurrent.CompletableFuture<Void> chain = java.util.concurrent.CompletableFuture.completedFuture(null);

        StatusLine(ChatThread chat) {
            this.chat = chat;
        }

        synchronized void show(String line) {
            try {
                chain = chain.thenRunAsync(() -> {
                    try {
                        chat.status(line);
                    } catch (RuntimeException e) {
                        LOG.debug("Status update in {} failed: {}", chat.key(), e.toString());
                    }
                }, core.sender);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("Shutting down; status update dropped");
            }
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 100) + "…" : one;
    }

    /**
     * The progress line: the current tool (or "still working" after a silence) and the elapsed time.
     * The platform's status line always shows it; the reply shows it under its text only while no
     * text comes in (before the first, during a tool, after a pause): streaming text is progress
     * enough, and a line that comes and goes under it would cost the platform's edit budget twice
     * for every message the text fills.
     */
    static final class Progress {
        /** Text quiet for this long brings the line back under it. */
        static final long QUIET_NANOS = Duration.ofSeconds(5).toNanos();

        private final Messages words;
        private final long start;
        private String tool;
        private long lastText;
        private boolean sawText;
        private boolean toolSinceText;

        Progress(Messages words, long start) {
            this.words = words;
            this.start = start;
            this.lastText = start;
        }

        synchronized void text(long now) {
            lastText = now;
            sawText = true;
            toolSinceText = false;
        }

        synchronized void tool(String name, long now) {
            tool = name;
            lastText = now;
            toolSinceText = true;
        }

        /** Whether the reply shows the line under its text now. */
        synchronized boolean underText(long now) {
            return !sawText || toolSinceText || now - lastText >= QUIET_NANOS;
        }

        synchronized void toolDone(long now) {
            tool = null;
        }

        synchronized String line(long now, long stillWorkingNanos) {
            String elapsed = Messages.elapsed(Duration.ofNanos(now - start));
            if (now - lastText >= stillWorkingNanos) {
                return words.get("still.working") + " · " + elapsed;
            }
            return words.get("progress.line", "what", describe(tool), "elapsed", elapsed);
        }

        private String describe(String name) {
            if (name == null) {
                return words.get("progress.thinking");
            }
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains("generat") || n.contains("seedance") || n.contains("video")) {
                return words.get("progress.generate");
            }
            if (n.contains("music") || n.contains("bgm") || n.contains("audio")) {
                return words.get("progress.music");
            }
            if (n.contains("upload") || n.contains("media")) {
                return words.get("progress.upload");
            }
            if (n.contains("edit") || n.contains("timeline") || n.contains("track") || n.contains("title")) {
                return words.get("progress.edit");
            }
            return words.get("progress.tool", "tool", name.replace('_', ' '));
        }
    }
}
