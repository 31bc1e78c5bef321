package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.config.BotConfig;
import io.nemobot.config.SkillProfile;
import io.nemobot.metrics.TurnOutcome;
import io.nemobot.nemo.Draft;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.NemoEvent;
import io.nemobot.nemo.NemoException;
import io.nemobot.nemo.SessionState;
import io.nemobot.nemo.StreamOutcome;
import io.nemobot.ops.LogContext;
import io.nemobot.recovery.CutStreamRecovery;
import io.nemobot.reply.LiveReply;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.GuiTranslator;
import io.nemobot.words.Messages;
import io.nemobot.words.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat turn's stream and its ending: the live reply follows the stream (text, progress notes
 * naming the backend's tool, "still working"), then ends as nemo-api.md prescribes: the text; for a
 * silent stream, what changed in the timeline; for a cut stream, a state check and never a re-send.
 */
final class ChatStream {
    private static final Logger LOG = LoggerFactory.getLogger(ChatStream.class);

    private final Settings settings;
    private final NemoClient nemo;
    private final ThreadSkills skills;
    private final CutStreamRecovery recovery;
    private final ShutdownFlag shutdown;
    private final LongSupplier nanos;
    private final ScheduledExecutorService scheduler;
    private final Executor sender;

    /**
     * @param replyMaxChars        longest reply text kept (the rest is cut with a note)
     * @param progressInterval     how often the progress line's elapsed time moves
     * @param stillWorkingInterval a silence this long turns the progress line into "still working"
     */
    record Settings(int replyMaxChars, Duration progressInterval, Duration stillWorkingInterval) {
        Settings {
            if (replyMaxChars < 1) {
                throw new IllegalArgumentException("replyMaxChars must be at least 1: " + replyMaxChars);
            }
            if (progressInterval == null || progressInterval.isZero() || progressInterval.isNegative()) {
                throw new IllegalArgumentException("progressInterval must be positive: " + progressInterval);
            }
            Objects.requireNonNull(stillWorkingInterval, "stillWorkingInterval");
        }

        static Settings of(BotConfig config) {
            return new Settings(config.replyMaxChars(), config.progressInterval(), config.stillWorkingInterval());
        }
    }

    /**
     * @param nanos     the progress line's clock ({@code nanoTime} values)
     * @param scheduler ticks the progress line
     * @param sender    updates the platform's status line, off the stream's thread
     */
    ChatStream(Settings settings, NemoClient nemo, ThreadSkills skills, CutStreamRecovery recovery, ShutdownFlag shutdown,
            LongSupplier nanos, ScheduledExecutorService scheduler, Executor sender) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /**
     * Streams {@code text} into the session, keeping {@code live} up to date, then finishes it.
     * {@code newSession}: the session was made for this message, so its timeline is known to be empty.
     */
    void run(ChatThread chat, LiveReply live, ThreadBinding binding, boolean newSession, String text, Messages words,
            TurnTrace trace) {
        SkillProfile skill = skills.of(chat.key(), Optional.of(binding));
        String sessionId = binding.sessionId().orElseThrow();
        // What the timeline was, to tell a silent turn's changes: a session made for this message has
        // none yet, and skipping the read takes a round trip off every new thread's first reply.
        Draft before = newSession ? Draft.none() : draftOrNull(skill, sessionId);
        Progress progress = new Progress(words, nanos.getAsLong());
        TurnText turnText = new TurnText(settings.replyMaxChars());
        List<String> failures = new ArrayList<>();
        Set<String> tools = new LinkedHashSet<>();
        long stillWorkingNanos = settings.stillWorkingInterval().toNanos();
        StatusLine statusLine = new StatusLine(chat);
        statusLine.show(words.get("progress.line", "what", words.get("progress.thinking"), "elapsed", "0s"));
        ScheduledFuture<?> ticker = scheduler.scheduleAtFixedRate(LogContext.carry((Runnable) () -> {
                    long now = nanos.getAsLong();
                    String line = progress.line(now, stillWorkingNanos);
                    live.progress(progress.underText(now) ? line : null);
                    statusLine.show(line);
                }),
                settings.progressInterval().toMillis(), settings.progressInterval().toMillis(), TimeUnit.MILLISECONDS);
        StreamOutcome outcome;
        try {
            outcome = nemo.chat(skills.headers(skill), sessionId, text, event -> {
                long now = nanos.getAsLong();
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
            statusLine.clear();
        }
        LOG.info("Turn in {} (session {}) ended: {} after {}", chat.key(), sessionId, outcome.ending(), outcome.elapsed());
        if (shutdown.raised()) {
            return; // the stream ended because the bot is stopping: nothing to tell, nothing to check
        }
        finish(chat, live, skill, binding, text, words, before, turnText, failures, tools, outcome, trace);
    }

    private void finish(ChatThread chat, LiveReply live, SkillProfile skill, ThreadBinding binding, String text,
            Messages words, Draft before, TurnText turnText, List<String> failures, Set<String> tools,
            StreamOutcome outcome, TurnTrace trace) {
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
                    trace.end(TurnOutcome.FAILED, "stream_failure");
                    String note = words.get("stream.failed");
                    live.finish(turnText.isEmpty() ? note : body + "\n\n" + note, actions);
                } else if (turnText.isEmpty()) {
                    trace.end(TurnOutcome.SILENT_EDIT, "");
                    live.finish(silentSummary(skill, binding, words, before), List.of(Action.EXPORT, Action.TIMELINE));
                } else {
                    trace.end(TurnOutcome.COMPLETED, "");
                    live.finish(body, actions);
                }
                return;
            default:
                String note = words.get(outcome.ending() == StreamOutcome.Ending.CUT ? "stream.cut" : "stream.timeout");
                live.finish(turnText.isEmpty() ? note : body + "\n\n" + note, List.of());
                trace.defer(); // whether the message landed is known once the recovery has read the state
                recovery.watch(chat, binding, text, before, words,
                        ended -> trace.end(ended, ended == TurnOutcome.FAILED ? "stream_cut" : ""));
        }
    }

    /** A stream without text: what changed in the timeline, in a sentence. */
    private String silentSummary(SkillProfile skill, ThreadBinding binding, Messages words, Draft before) {
        Draft after = draftOrNull(skill, binding.sessionId().orElseThrow());
        if (after == null) {
            return words.get("silent.unchanged");
        }
        String changes = Timeline.describeChanges(before, after, words);
        return changes == null ? words.get("silent.unchanged") : "✅ " + changes;
    }

    private Draft draftOrNull(SkillProfile skill, String sessionId) {
        try {
            SessionState state = nemo.state(skills.headers(skill), sessionId);
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
     * stream's thread, one update at a time and in order, so the clearing one comes last. Cleared for
     * good: a progress tick that was already running when the stream ended must not bring it back.
     */
    private final class StatusLine {
        private final ChatThread chat;
        private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        private boolean cleared;

        StatusLine(ChatThread chat) {
            this.chat = chat;
        }

        synchronized void show(String line) {
            if (!cleared) {
                enqueue(line);
            }
        }

        synchronized void clear() {
            if (!cleared) {
                cleared = true;
                enqueue(null);
            }
        }

        private void enqueue(String line) {
            try {
                chain = chain.thenRunAsync(LogContext.carry((Runnable) () -> {
                    try {
                        chat.status(line);
                    } catch (RuntimeException e) {
                        LOG.debug("Status update in {} failed: {}", chat.key(), e.toString());
                    }
                }), sender);
            } catch (RejectedExecutionException e) {
                LOG.debug("Shutting down; status update dropped");
            }
        }
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() > 100 ? one.substring(0, 100) + "…" : one;
    }

}
