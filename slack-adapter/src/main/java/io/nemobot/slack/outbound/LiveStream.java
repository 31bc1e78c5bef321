package io.nemobot.slack.outbound;

import java.time.Duration;
import java.time.Instant;

/**
 * One message being written with Slack's native streaming: what it shows so far and since when.
 * Callers hold its monitor while they call Slack for it, so two edits of one message never race.
 */
final class LiveStream {
    private final String channel;
    private final String ts;
    private final Instant startedAt;
    private String text;
    private boolean open = true;

    LiveStream(String channel, String ts, String text, Instant startedAt) {
        this.channel = channel;
        this.ts = ts;
        this.text = text;
        this.startedAt = startedAt;
    }

    String channel() {
        return channel;
    }

    String ts() {
        return ts;
    }

    synchronized String text() {
        return text;
    }

    synchronized boolean isOpen() {
        return open;
    }

    synchronized void appended(String delta) {
        text = text + delta;
    }

    synchronized void closed() {
        open = false;
    }

    /** Whether the stream has been open for {@code lifetime} or longer. */
    boolean olderThan(Duration lifetime, Instant now) {
        return !Duration.between(startedAt, now).minus(lifetime).isNegative();
    }
}
