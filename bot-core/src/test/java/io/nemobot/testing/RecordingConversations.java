package io.nemobot.testing;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written core for the adapters' tests ({@link Conversations}): records what an adapter hands
 * over, in order, and returns at once like the real one. Like the core it ignores an event id it has
 * seen, answers with the core's own words and keyword table, and holds a thread as a conversation once
 * it is claimed or a message came from it. Thread-safe.
 */
public final class RecordingConversations implements Conversations {
    public static final String HELP = "Hi! I make videos. Try: a 30-second video about the sea";
    public static final List<String> EXAMPLES = List.of("A 30-second video about the sea",
            "A product teaser for a red bicycle with upbeat music and a title card", "Make it vertical for TikTok",
            "Add subtitles in French", "A fifth example Slack will not show");

    /** One accepted message, the thread the adapter gave to answer in, and whether it came as a prompt. */
    public record Accepted(IncomingMessage message, ChatThread replyTo, boolean prompt) {
        public Accepted {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** One click and the thread the adapter gave to answer in. */
    public record Clicked(ActionClick click, ChatThread replyTo) {
        public Clicked {
            Objects.requireNonNull(click, "click");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    private static final KeywordRouter KEYWORDS = new KeywordRouter(Map.of("credits", List.of("credits", "积分"),
            "status", List.of("status", "状态"), "export", List.of("export", "导出"), "help", List.of("help", "帮助"),
            "usage", List.of("usage", "用量")), 8);

    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Clicked> clicked = new LinkedBlockingQueue<>();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final List<String> duplicates = new CopyOnWriteArrayList<>();
    private final Set<ThreadKey> conversations = ConcurrentHashMap.newKeySet();
    private final List<ThreadKey> claims = new CopyOnWriteArrayList<>();
    private final List<String> commandWords = new CopyOnWriteArrayList<>();
    private volatile String help = HELP;

    @Override
    public void accept(IncomingMessage message, ChatThread replyTo) {
        record(message, replyTo, false);
    }

    /** A prompt is recorded like any accepted message, marked as a prompt. */
    @Override
    public void prompt(IncomingMessage message, ChatThread replyTo) {
        record(message, replyTo, true);
    }

    private void record(IncomingMessage message, ChatThread replyTo, boolean prompt) {
        if (firstTime(message.eventId())) {
            conversations.add(message.thread());
            accepted.add(new Accepted(message, replyTo, prompt));
        }
    }

    @Override
    public void click(ActionClick click, ChatThread replyTo) {
        if (firstTime(click.eventId())) {
            clicked.add(new Clicked(click, replyTo));
        }
    }

    private boolean firstTime(String eventId) {
        if (eventIds.add(eventId)) {
            return true;
        }
        duplicates.add(eventId);
        return false;
    }

    @Override
    public String help(ThreadKey thread, Optional<Locale> locale) {
        return help;
    }

    /** The core's real words: what the adapter says is checked against them. */
    @Override
    public Words words() {
        return Messages.WORDS;
    }

    /** Like the core, through the core's own keyword router over a few rows of the bundled table. */
    @Override
    public Optional<Command> command(String words) {
        commandWords.add(words);
        return KEYWORDS.command(words).map(intent -> Command.valueOf(intent.name()));
    }

    @Override
    public List<String> examplePrompts(ThreadKey thread) {
        return EXAMPLES;
    }

    /** Who asked for the usage report, and whether the adapter found them an admin. */
    public final java.util.List<io.nemobot.chat.Author> usageAskers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Answers as the core would, by the admin flag alone: the report for admins, a refusal for others. */
    @Override
    public String usage(ThreadKey where, io.nemobot.chat.Author asker, Optional<Locale> locale) {
        usageAskers.add(asker);
        return asker.admin() ? "USAGE REPORT for " + where.workspace() : "USAGE IS FOR ADMINS";
    }

    @Override
    public boolean isConversation(ThreadKey thread) {
        return conversations.contains(thread);
    }

    @Override
    public void claim(ThreadKey thread) {
        claims.add(thread);
        conversations.add(thread);
    }

    /** The help text from now on. */
    /** Makes a thread a conversation without a claim (as another process's claim, seen through a shared store). */
    public void knowConversation(ThreadKey thread) {
        conversations.add(thread);
    }

    public void help(String text) {
        help = Objects.requireNonNull(text, "text");
    }

    /** The next accepted message, failing after the timeout. */
    public Accepted nextMessage(Duration timeout) {
        return take(accepted, timeout, "message");
    }

    /** The next click, failing after the timeout. */
    public Clicked nextClick(Duration timeout) {
        return take(clicked, timeout, "click");
    }

    /** Messages accepted and not taken yet. */
    public List<Accepted> pendingMessages() {
        return List.copyOf(accepted);
    }

    /** Clicks recorded and not taken yet. */
    public List<Clicked> pendingClicks() {
        return List.copyOf(clicked);
    }

    /** Event ids delivered a second time (and ignored). */
    public List<String> duplicates() {
        return List.copyOf(duplicates);
    }

    /** Threads claimed, in order. */
    public List<ThreadKey> claims() {
        return List.copyOf(claims);
    }

    /** The words the adapter asked {@link #command} about, in order. */
    public List<String> commandWords() {
        return List.copyOf(commandWords);
    }

    private static <T> T take(BlockingQueue<T> queue, Duration timeout, String what) {
        try {
            T next = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no " + what + " reached the core within " + timeout);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a " + what, e);
        }
    }
}
