package io.nemobot.chat;

import java.time.Instant;

/**
 * A user clicked one of the core's buttons.
 *
 * @param thread  the thread the button's message is in
 * @param author  who clicked
 * @param action  which button
 * @param eventId the platform's id of this click; a second delivery of the same id is ignored
 * @param at      when it was clicked, by the platform's clock where it gives it (Slack's {@code action_ts}, the
 *                interaction's snowflake time), else when the adapter received it
 */
public record ActionClick(ThreadKey thread, Author author, Action action, String eventId, Instant at) {
    public ActionClick {
        Checks.notNull(thread, "thread");
        Checks.notNull(author, "author");
        Checks.notNull(action, "action");
        Checks.notBlank(eventId, "eventId");
        Checks.notNull(at, "at");
    }
}
