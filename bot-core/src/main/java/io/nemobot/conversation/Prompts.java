package io.nemobot.conversation;

import io.nemobot.chat.ChatThread;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.metrics.TurnOutcome;
import io.nemobot.nemo.MediaCheck;
import io.nemobot.reply.Notices;
import io.nemobot.session.SessionRegistry;
import io.nemobot.store.ThreadBinding;
import io.nemobot.upload.Uploads;
import io.nemobot.words.Messages;
import io.nemobot.usage.UsageMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt for the backend: typed text, files, or both. Text is cleaned and checked (not empty, not
 * too long, within the daily turns) before a chat turn runs; files are uploaded first, and scripts
 * among them join the typed text as the prompt.
 */
final class Prompts {
    private final int scriptMaxChars;
    private final KeywordRouter router;
    private final Limits limits;
    private final SessionRegistry sessions;
    private final ChatTurn turns;
    private final Uploads uploads;
    private final Notices notices;
    private final UsageMeter usage;

    /** {@code scriptMaxChars}: the longest prompt taken (a script pasted as text counts too). */
    Prompts(int scriptMaxChars, KeywordRouter router, Limits limits, SessionRegistry sessions, ChatTurn turns,
            Uploads uploads, Notices notices,
            UsageMeter usage) {
        if (scriptMaxChars < 1) {
            throw new IllegalArgumentException("scriptMaxChars must be at least 1: " + scriptMaxChars);
        }
        this.scriptMaxChars = scriptMaxChars;
        this.router = Objects.requireNonNull(router, "router");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.turns = Objects.requireNonNull(turns, "turns");
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    /** Runs {@code raw} (the message's text, or it with scripts read from files) through a chat turn. */
    void chat(IncomingMessage m, ChatThread chat, Messages words, String raw, TurnTrace trace) {
        String text = clean(raw);
        if (text.isBlank()) {
            notices.say(chat, words.get("empty.message"));
            return;
        }
        int typed = clean(m.text()).length();
        if (typed > scriptMaxChars) {
            trace.end(TurnOutcome.REFUSED, "message_too_long");
            notices.say(chat, words.get("message.toolong", "chars", typed, "max", scriptMaxChars));
            return;
        }
        Optional<LimitRefusal> refusal = limits.dailyRefusal(m.thread(), m.author(), words);
        if (refusal.isPresent()) {
            trace.end(TurnOutcome.REFUSED, refusal.get().limit());
            notices.say(chat, refusal.get().text());
            return;
        }
        boolean newSession = sessions.binding(m.thread()).flatMap(ThreadBinding::sessionId).isEmpty();
        ThreadBinding binding = sessions.ensure(m.thread(), m.locale(), text);
        // Every chat turn records what it cost, whichever way it ends.
        usage.measure(m.thread(), m.author(),
                () -> turns.run(chat, binding, newSession, text, Messages.of(binding.language()), trace));
    }

    /** Uploads the message's files, then runs what was typed and the scripts read as one prompt. */
    void upload(IncomingMessage m, ChatThread chat, Messages words, TurnTrace trace) {
        if (m.attachments().isEmpty()) {
            notices.say(chat, words.get("upload.hint", "formats", MediaCheck.acceptedList(), "scripts", MediaCheck.scriptList()));
            return;
        }
        ThreadBinding binding = sessions.ensure(m.thread(), m.locale(), m.text());
        Uploads.Result result = uploads.handle(chat, binding, m.attachments(), words);
        if (!result.lines().isEmpty()) {
            notices.say(chat, String.join("\n", result.lines()));
        }
        if (result.uploaded() == 0 && result.scripts().isEmpty() && !result.refusals().isEmpty()) {
            trace.end(TurnOutcome.REFUSED, result.refusals().get(0)); // nothing taken: the first file's reason
        }
        String typed = m.text().strip();
        boolean onlyKeyword = router.route(typed, false) == Intent.UPLOAD;
        List<String> parts = new ArrayList<>();
        if (!typed.isEmpty() && !onlyKeyword) {
            parts.add(typed);
        }
        parts.addAll(result.scripts());
        if (!parts.isEmpty() && (!result.scripts().isEmpty() || !typed.isEmpty())) {
            chat(m, chat, words, String.join("\n\n", parts), trace);
        }
    }

    /** Without control characters (other than line breaks and tabs) and surrounding blanks. */
    static String clean(String text) {
        return text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replaceAll("[\\u200B\\uFEFF]", "").strip();
    }
}
