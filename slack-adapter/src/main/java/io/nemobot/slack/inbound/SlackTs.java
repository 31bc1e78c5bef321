package io.nemobot.slack.inbound;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's own time of a message or a click: a {@code ts} (or {@code action_ts}) is epoch seconds with
 * microseconds ({@code 1700000400.000123}), stamped by Slack when it took the message, the same in every
 * delivery. Several processes receiving a thread's messages in any order agree on their order by it; the
 * time a process happened to receive one says nothing about that.
 */
final class SlackTs {
    private static final Pattern TS = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");

    private SlackTs() {
    }

    /** The instant of a {@code ts}; empty when it is not one. */
    static Optional<Instant> instant(String ts) {
        Matcher m = ts == null ? null : TS.matcher(ts.strip());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        String fraction = m.group(2) == null ? "" : m.group(2);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1)), nanos));
    }
}
