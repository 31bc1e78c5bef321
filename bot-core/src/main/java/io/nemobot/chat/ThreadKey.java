package io.nemobot.chat;

import java.util.Objects;

/**
 * Where a conversation lives: one chat thread is one Nemo session.
 *
 * @param platform  {@code discord}, {@code slack}, {@code terminal}, ...
 * @param workspace Slack team id, Discord guild id, or {@code -} for DMs and the terminal
 * @param channel   channel id
 * @param thread    thread id (Slack thread_ts, Discord thread channel id); equals the channel when
 *                  the channel itself is the conversation (a DM)
 */
public record ThreadKey(String platform, String workspace, String channel, String thread) {
    private static final String SEP = "|";

    public ThreadKey {
        Checks.notBlank(platform, "platform");
        Checks.notBlank(workspace, "workspace");
        Checks.notBlank(channel, "channel");
        Checks.notBlank(thread, "thread");
        for (String part : new String[] {platform, workspace, channel, thread}) {
            if (part.contains(SEP)) {
                throw new IllegalArgumentException("thread key parts may not contain '|': " + part);
            }
        }
    }

    /** A stable string form, used as the store's key. */
    public String id() {
        return platform + SEP + workspace + SEP + channel + SEP + thread;
    }

    public static ThreadKey parse(String id) {
        Objects.requireNonNull(id, "id");
        String[] parts = id.split("\\|", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a thread key: " + id);
        }
        return new ThreadKey(parts[0], parts[1], parts[2], parts[3]);
    }

    @Override
    public String toString() {
        return id();
    }
}
