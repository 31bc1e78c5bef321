package io.nemobot.slack.inbound;

import io.nemobot.chat.Author;
import io.nemobot.chat.Checks;
import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.files.SlackFile;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's Slack message the bot should answer, read from an event.
 *
 * @param thread  the conversation it belongs to
 * @param author  who wrote it
 * @param text    what they wrote, the bot's mention and Slack's escaping removed
 * @param files   files dropped with it
 * @param eventId stable across Slack's retries and across the {@code message} / {@code app_mention}
 *                pair of one message: team, channel and the message's ts
 * @param mention whether it mentioned the bot (a bare mention is answered with the greeting)
 * @param written Slack's time of the message (its {@code ts}), empty when the ts cannot be read
 */
public record SlackMessage(ThreadKey thread, Author author, String text, List<SlackFile> files, String eventId,
        boolean mention, Optional<Instant> written) {
    public SlackMessage {
        Checks.notNull(thread, "thread");
        Checks.notNull(author, "author");
        text = text == null ? "" : text;
        files = files == null ? List.of() : List.copyOf(files);
        Checks.notBlank(eventId, "eventId");
        written = written == null ? Optional.empty() : written;
    }
}
