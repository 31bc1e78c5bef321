package io.nemobot.reply;

import io.nemobot.chat.Action;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a live reply's caller wants shown: the text so far (or a source that builds it when an edit is
 * due), the acknowledgement standing in until text comes, the progress line, and the final text with
 * its buttons, after which nothing changes. Each update says whether it changed anything. On a platform
 * whose live messages only grow ({@link io.nemobot.chat.PlatformProfile#appendOnly()}) neither the
 * acknowledgement's words nor the progress line goes into the text: the first message starts empty (a
 * native stream's start) and only grows, and the thread's status line tells what is happening. Not thread-safe: used under the reply's lock.
 */
final class WantedReply {
    private final boolean appendOnly;
    private String body = "";
    private Supplier<String> bodySource;
    private String placeholder;
    private String footer;
    private List<Action> actions = List.of();
    private boolean finalText;
    private long finalAt;
    private boolean hurried;

    WantedReply() {
        this(false);
    }

    /** {@code appendOnly}: the text only grows (no placeholder, no progress line in it). */
    WantedReply(boolean appendOnly) {
        this.appendOnly = appendOnly;
    }

    /** The acknowledgement, shown until there is text. */
    boolean acknowledge(String text) {
        // Append-only: the message starts empty (a stream's start), so that the first words only extend it.
        placeholder = appendOnly ? "" : text;
        return true;
    }

    /** A message posted before a restart shows {@code text}. */
    void adopted(String text) {
        body = text;
    }

    boolean text(String text) {
        if (finalText || text.equals(body)) {
            return false;
        }
        body = text;
        return true;
    }

    /** The text is read from {@code source} when the content is built. */
    boolean text(Supplier<String> source) {
        if (finalText) {
            return false;
        }
        bodySource = source;
        return true;
    }

    boolean progress(String line) {
        if (appendOnly || finalText || Objects.equals(line, footer)) {
            return false;
        }
        footer = line;
        return true;
    }

    /** The final text, set at {@code now}: it replaces the text and takes the progress line off. */
    boolean finish(String text, List<Action> finalActions, long now) {
        bodySource = null;
        body = text;
        footer = null;
        actions = List.copyOf(finalActions);
        finalText = true;
        finalAt = now;
        return true;
    }

    /** Someone waits for this reply to end. True when that changes anything now (the final text is set). */
    boolean hurry() {
        if (hurried) {
            return false;
        }
        hurried = true;
        return finalText;
    }

    boolean isFinal() {
        return finalText;
    }

    /**
     * The final text of a reply cut short (the bot is stopping): the text so far with {@code note} under
     * it, or the note alone. False, and nothing changes, when the final text is set already.
     */
    boolean interrupt(String note, long now) {
        if (finalText) {
            return false;
        }
        if (bodySource != null) {
            body = bodySource.get();
        }
        return finish(body.isEmpty() ? note : body + "\n\n" + note, List.of(), now);
    }

    /** Whether the final text is set and someone waits for it. */
    boolean hurriedFinal() {
        return hurried && finalText;
    }

    long finalAt() {
        return finalAt;
    }

    /** What is wanted now (the text source read once). */
    ReplyContent content() {
        if (bodySource != null) {
            body = bodySource.get();
        }
        boolean placeholderShown = body.isEmpty() && !finalText && placeholder != null;
        return new ReplyContent(placeholderShown ? placeholder : body, placeholderShown, footer, finalText,
                finalText ? actions : List.of());
    }
}
