package io.nemobot.slack.fake;

import io.nemobot.chat.ActionClick;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Command;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.chat.Words;
import io.nemobot.conversation.KeywordRouter;
import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written {@link Conversations} that records what the adapter hands the core, returning at once
 * like the real one. Like the core it ignores a second event id, so tests can count turns.
 */
public final class RecordingConversations implements Conversations {
    public static final String HELP = "Hi! I make videos. Try: a 30-second video about the sea";
    public static final List<String> EXAMPLES = List.of("A 30-second video about the sea",
            "A product teaser for a red bicycle with upbeat music and a title card", "Make it vertical for TikTok",
            "Add subtitles in French", "A fifth example Slack will not show");

    /** One accepted message, the thread the adapter gave to answer in, and whether it came as a prompt. */
    public record Accepted(IncomingMessage message, ChatThread replyTo, boolean prompt) {
    }

    /** One click and its thread. */
    public record Clicked(ActionClick click, ChatThread replyTo) {
    }

    private static final KeywordRouter KEYWORDS = new KeywordRouter(Map.of("credits", List.of("credits", "积分"),
            "status", List.of("status", "状态"), "export", List.of("export", "导出"), "help", List.of("help", "帮助")), 8);

    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Clicked> clicked = new LinkedBlockingQueue<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final Set<ThreadKey> conversations = ConcurrentHashMap.newKeySet();
    private final List<String> duplicates = new ArrayList<>();

    @Override
    public void accept(IncomingMessage message, ChatThread replyTo) {
        record(message, replyTo, false);
    }

    private void record(IncomingMessage message, ChatThread replyTo, boolean prompt) {
        if (!eventIds.add(message.eventId())) {
            synchronized (duplicates) {
                duplicates.add(message.eventId());
            }
            return;
        }
        conversations.add(message.thread());
        accepted.add(new Accepted(message, replyTo, prompt));
    }

    /** A prompt is recorded like any accepted message, marked as a prompt. */
    @Override
    public void prompt(IncomingMessage message, ChatThread replyTo) {
        record(message, replyTo, true);
    }

    @Override
    public void click(ActionClick click, ChatThread replyTo) {
        if (!eventIds.add(click.eventId())) {
            synchronized (duplicates) {
                duplicates.add(click.eventId());
            }
            return;
        }
        clicked.add(new Clicked(click, replyTo));
    }

    @Override
    public String help(ThreadKey thread, Optional<Locale> locale) {
        return HELP;
    }

    /** The core's real words: what the adapter says is checked against them. */
    @Override
    public Words words() {
        return Messages.WORDS;
    }

    /** Like the core, through the core's own keyword router over a few rows of the bundled table. */
    @Override
    public Optional<Command> command(String words) {
        return KEYWORDS.command(words).map(intent -> Command.valueOf(intent.name()));
    }

    @Override
    public List<String> examplePrompts(ThreadKey thread) {
        return EXAMPLES;
    }

    @Override
    public boolean isConversation(ThreadKey thread) {
        return conversations.contains(thread);
    }

    @Override
    public void claim(ThreadKey thread) {
        conversations.add(thread);
    }

    /** The next accepted message, failing after the timeout. */
    public Accepted nextMessage(Duration timeout) throws InterruptedException {
        Accepted next = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no message reached the core within " + timeout);
        }
        return next;
    }

    public Clicked nextClick(Duration timeout) throws InterruptedException {
        Clicked next = clicked.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no click reached the core within " + timeout);
        }
        return next;
    }

    /** Messages accepted and not yet taken. */
    public List<Accepted> pendingMessages() {
        return List.copyOf(accepted);
    }

    public List<Clicked> pendingClicks() {
        return List.copyOf(clicked);
    }

    /** Event ids delivered a second time (and ignored). */
    public List<String> duplicates() {
        synchronized (duplicates) {
            return List.copyOf(duplicates);
        }
    }
}
