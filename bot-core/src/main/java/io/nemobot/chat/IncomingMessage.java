package io.nemobot.chat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A message a chat user wrote in a thread the bot listens to.
 *
 * @param thread      where it was written
 * @param author      who wrote it
 * @param text        what they typed (may be empty when only files were dropped)
 * @param attachments files dropped with it
 * @param locale      the user's locale when the platform gives one
 * @param eventId     the platform's id for this event or click; the same id twice is one turn
 *                    (retried deliveries, double clicks)
 * @param receivedAt  when it was written, by the platform's own clock where the platform gives it (Slack's
 *                    {@code ts}, a Discord snowflake's time), else when the adapter received it: processes
 *                    receiving one thread's messages in any order agree on their order by it
 */
public record IncomingMessage(ThreadKey thread, Author author, String text, List<Attachment> attachments,
        Optional<Locale> locale, String eventId, Instant receivedAt) {
    public IncomingMessage {
        Checks.notNull(thread, "thread");
        Checks.notNull(author, "author");
        text = text == null ? "" : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        locale = locale == null ? Optional.empty() : locale;
        Checks.notBlank(eventId, "eventId");
        Checks.notNull(receivedAt, "receivedAt");
    }

    /** A text-only message, no locale. */
    public static IncomingMessage text(ThreadKey thread, Author author, String text, String eventId) {
        return new IncomingMessage(thread, author, text, List.of(), Optional.empty(), eventId, Instant.now());
    }
}
