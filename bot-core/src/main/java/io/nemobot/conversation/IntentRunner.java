package io.nemobot.conversation;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.config.SkillProfile;
import io.nemobot.nemo.NemoException;
import io.nemobot.recovery.RetryOffers;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.Notices;
import io.nemobot.session.Refusals;
import io.nemobot.session.SessionRegistry;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import io.nemobot.usage.UsageReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a routed message or a click inside its thread's lane: help, credits, status, export, upload
 * or the chat stream. Whatever goes wrong ends as words in the thread (a refusal, a renewed session),
 * never as silence.
 */
final class IntentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(IntentRunner.class);

    private final SessionRegistry sessions;
    private final ThreadSkills skills;
    private final Prompts prompts;
    private final InfoIntents info;
    private final RenderTracker renders;
    private final RetryOffers retries;
    private final Notices notices;
    private final Refusals refusals;
    private final UsageReport usage;

    IntentRunner(SessionRegistry sessions, ThreadSkills skills, Prompts prompts, InfoIntents info, RenderTracker renders,
            RetryOffers retries, Notices notices, Refusals refusals, UsageReport usage) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.info = Objects.requireNonNull(info, "info");
        this.renders = Objects.requireNonNull(renders, "renders");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    /**
     * A click on one of the core's buttons; Retry runs the message the thread's retry offer holds. A click
     * {@code recovered} from an earlier run or a dead process finds no offer (offers are not kept): the user
     * is told the restart lost what to retry.
     */
    void click(ActionClick click, Intent intent, ChatThread chat, TurnTrace trace, boolean recovered) {
        if (click.action() == Action.RETRY) {
            Optional<String> text = retries.take(click.thread());
            if (text.isEmpty()) {
                Messages words = Messages.of(SessionRegistry.languageOf(sessions.binding(click.thread()), Optional.empty(), ""));
                notices.say(chat, words.get(recovered ? "restart.retry" : "retry.nothing"));
                return;
            }
            run(new IncomingMessage(click.thread(), click.author(), text.get(), List.of(), Optional.empty(),
                    click.eventId(), click.at()), Intent.CHAT, chat, trace);
        } else {
            run(new IncomingMessage(click.thread(), click.author(), "", List.of(), Optional.empty(),
                    click.eventId(), click.at()), intent, chat, trace);
        }
    }

    /** Runs the intent; {@code trace} is ended here when the work fails, or by the work when it knows how it ended. */
    void run(IncomingMessage m, Intent intent, ChatThread chat, TurnTrace trace) {
        Optional<ThreadBinding> existing = sessions.binding(m.thread());
        Messages words = Messages.of(SessionRegistry.languageOf(existing, m.locale(), m.text()));
        SkillProfile skill = skills.of(m.thread(), existing);
        try {
            switch (intent) {
                case HELP -> info.help(chat, skill, words);
                case USAGE -> notices.say(chat, usage.answer(m.thread(), m.author(), words));
                case CREDITS -> info.credits(chat, skill, words);
                case STATUS -> info.status(chat, existing, skill, words);
                case EXPORT -> renders.export(chat, m.author(), sessions.ensure(m.thread(), m.locale(), m.text()), words);
                case UPLOAD -> prompts.upload(m, chat, words, trace);
                default -> prompts.chat(m, chat, words, m.text(), trace);
            }
        } catch (NemoException e) {
            trace.failed(e.kind());
            if (e.kind() == NemoException.Kind.SESSION_NOT_FOUND && existing.isPresent() && intent != Intent.CHAT) {
                sessions.renew(existing.get());
                notices.say(chat, words.get("session.reset"));
                return;
            }
            LOG.info("{} in {} refused: {} (HTTP {}, code {})", intent, m.thread(), e.kind(), e.httpStatus(),
                    e.backendCode().orElse(null));
            notices.say(chat, refusals.of(e, words, m.thread(), existing));
        } catch (RuntimeException e) {
            trace.end(io.nemobot.metrics.TurnOutcome.FAILED, "internal");
            LOG.error("{} in {} failed", intent, m.thread(), e);
            notices.say(chat, words.get("error.internal"));
        }
    }
}
