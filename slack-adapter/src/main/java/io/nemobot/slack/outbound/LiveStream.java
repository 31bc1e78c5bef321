package io.nemobot.slack.outbound;

import java.time.Duration;
import java.time.Instant;

/**
 * One message being written with Slack's native streaming: what it shows so far, since when, and when
 * it was last written. Callers hold its monitor while they call Slack for it, so two writes of one
 * message never race.
 */
final class LiveStream {
    private final String workspace;
    private final String channel;
    private final String ts;
    private final Instant startedAt;
    private String text;
    private Instant lastWrite;
    private boolean open = true;

    LiveStream(String workspace, String channel, String ts, String text, Instant startedAt) {
        this.workspace = workspace;
        this.channel = channel;
        this.ts = ts;
        this.text = text;
        this.startedAt = startedAt;
        this.lastWrite = startedAt;
    }

    String workspace() {
        return workspace;
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

    synchronized void appended(String delta, Instant at) {
        text = text + delta;
        lastWrite = at;
    }

    synchronized void closed() {
        open = false;
    }

    /** Whether the stream has been open for {@code lifetime} or longer. */
    boolean olderThan(Duration lifetime, Instant now) {
        return !Duration.between(startedAt, now).minus(lifetime).isNegative();
    }

    /** Whether nothing was written for {@code idle} or longer. */
    synchronized boolean idleFor(Duration idle, Instant now) {
        return !Duration.between(lastWrite, now).minus(idle).isNegative();
    }
}
