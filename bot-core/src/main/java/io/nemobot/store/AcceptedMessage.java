package io.nemobot.store;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Author;
import io.nemobot.chat.Checks;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A message the bot accepted (the platform was acknowledged and will not deliver it again) whose turn has
 * not started: it waits behind its thread's turn, or in its lane. Kept until the turn starts or the message
 * is dropped with words to the user, so a process killed meanwhile does not leave the user in silence: the
 * next start, or a surviving process, runs it (it never reached the backend, so that sends nothing twice).
 * Files are not kept: a message that had some is explained instead of run. A click on one of the core's
 * buttons is recorded the same way ({@code action} set, no text): it runs again as that click.
 *
 * @param eventId   the delivery's id
 * @param thread    where it was written
 * @param owner     the run that accepted it ({@code Fleet.runId()}); a survivor takes over a dead run's messages
 * @param routed    true: routed by the keyword table (a mention or a thread message); false: always a chat prompt
 * @param author    who wrote it
 * @param text      what they typed
 * @param locale    the user's locale when the platform gave one
 * @param files     how many files came with it
 * @param writtenAt the platform's time of the message (microseconds kept: it orders the thread's messages)
 * @param action    the button clicked, when this is a click rather than a message
 */
public record AcceptedMessage(String eventId, ThreadKey thread, String owner, boolean routed, Author author,
        String text, Optional<Locale> locale, int files, Instant writtenAt, Optional<Action> action) {
    public AcceptedMessage {
        Checks.notBlank(eventId, "eventId");
        Checks.notNull(thread, "thread");
        Checks.notBlank(owner, "owner");
        Checks.notNull(author, "author");
        text = text == null ? "" : text;
        locale = locale == null ? Optional.empty() : locale;
        if (files < 0) {
            throw new IllegalArgumentException("files must not be negative");
        }
        Checks.notNull(writtenAt, "writtenAt");
        writtenAt = ofMicros(micros(writtenAt));
        action = action == null ? Optional.empty() : action;
    }

    /** A message (not a click). */
    public AcceptedMessage(String eventId, ThreadKey thread, String owner, boolean routed, Author author,
            String text, Optional<Locale> locale, int files, Instant writtenAt) {
        this(eventId, thread, owner, routed, author, text, locale, files, writtenAt, Optional.empty());
    }

    /** The message as accepted by {@code owner}. */
    public static AcceptedMessage of(IncomingMessage m, boolean routed, String owner) {
        return new AcceptedMessage(m.eventId(), m.thread(), owner, routed, m.author(), m.text(), m.locale(),
                m.attachments().size(), m.receivedAt());
    }

    /** The click as accepted by {@code owner}. */
    public static AcceptedMessage of(ActionClick click, String owner) {
        return new AcceptedMessage(click.eventId(), click.thread(), owner, false, click.author(), "", Optional.empty(), 0,
                click.at(), Optional.of(click.action()));
    }

    /** The click to run again, when this is one. */
    public Optional<ActionClick> click() {
        return action.map(a -> new ActionClick(thread, author, a, eventId, writtenAt));
    }

    /** The message to run again, without its files (they are not kept). */
    public IncomingMessage message() {
        return new IncomingMessage(thread, author, text, List.of(), locale, eventId, writtenAt);
    }

    /** The same message, now {@code newOwner}'s. */
    public AcceptedMessage ownedBy(String newOwner) {
        return new AcceptedMessage(eventId, thread, newOwner, routed, author, text, locale, files, writtenAt, action);
    }

    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
