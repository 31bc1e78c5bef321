package io.nemobot.discord.fake;

import java.time.Duration;
import java.time.Instant;

/** An interaction the fake dispatched: its id and token, where, and how the bot acknowledged it. */
public final class FakeInteraction {
    private final String id;
    private final String token;
    private final String channelId;
    private final Instant createdAt;
    private int acknowledgedWith;
    private String originalId;
    private boolean ephemeral;
    private String messageId;

    FakeInteraction(String id, String token, String channelId, Instant createdAt) {
        this.id = id;
        this.token = token;
        this.channelId = channelId;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String token() {
        return token;
    }

    public String channelId() {
        return channelId;
    }

    Duration age(Instant now) {
        return Duration.between(createdAt, now);
    }

    /** The interaction callback type the bot answered with (4 reply, 5 deferred reply, 6 deferred edit), or 0. */
    public synchronized int acknowledgedWith() {
        return acknowledgedWith;
    }

    /** The id of the reply message (for types 4 and 5), or null. */
    public synchronized String originalId() {
        return originalId;
    }

    public synchronized boolean ephemeral() {
        return ephemeral;
    }

    synchronized String messageId() {
        return messageId;
    }

    synchronized void acknowledged(int type) {
        acknowledgedWith = type;
    }

    synchronized void original(String id, boolean isEphemeral) {
        originalId = id;
        ephemeral = isEphemeral;
    }

    synchronized void clicked(String id) {
        messageId = id;
    }
}
