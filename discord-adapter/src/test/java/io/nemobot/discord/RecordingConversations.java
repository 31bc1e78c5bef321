package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nemobot.chat.ActionClick;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Command;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.chat.Words;
import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hand-written core for adapter tests: records what the adapter hands over, in order. */
final class RecordingConversations implements Conversations {
    static final String HELP = "Hi, I'm Nemo! Describe a video and I'll make it.";

    record Accepted(IncomingMessage message, ChatThread replyTo) {
    }

    record Clicked(ActionClick click, ChatThread replyTo) {
    }

    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Clicked> clicks = new LinkedBlockingQueue<>();
    private final Set<ThreadKey> conversations = ConcurrentHashMap.newKeySet();
    private final List<ThreadKey> claims = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String help = HELP;

    @Override
    public void accept(IncomingMessage message, ChatThread replyTo) {
        accepted.add(new Accepted(message, replyTo));
    }

    /** A prompt is recorded like any accepted message. */
    @Override
    public void prompt(IncomingMessage message, ChatThread replyTo) {
        accept(message, replyTo);
    }

    @Override
    public void click(ActionClick click, ChatThread replyTo) {
        clicks.add(new Clicked(click, replyTo));
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

    /** Discord's commands are its own slash commands: it never asks what free words name. */
    @Override
    public Optional<Command> command(String words) {
        throw new AssertionError("the Discord adapter asked what '" + words + "' names");
    }

    @Override
    public List<String> examplePrompts(ThreadKey thread) {
        return List.of("a cat surfing at sunset");
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

    void help(String text) {
        help = text;
    }

    List<ThreadKey> claims() {
        return new ArrayList<>(claims);
    }

    Accepted nextAccepted(Duration timeout) {
        return take(accepted, timeout, "a message handed to the core");
    }

    Clicked nextClick(Duration timeout) {
        return take(clicks, timeout, "a click handed to the core");
    }

    void assertNoMoreAccepted() {
        assertTrue(accepted.isEmpty(), () -> "unexpected messages handed to the core: " + accepted);
    }

    void assertNoMoreClicks() {
        assertTrue(clicks.isEmpty(), () -> "unexpected clicks handed to the core: " + clicks);
    }

    private static <T> T take(BlockingQueue<T> queue, Duration timeout, String what) {
        try {
            T next = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
