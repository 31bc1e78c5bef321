package io.nemobot.discord.fake;

/**
 * One more server of the fake, with its one text channel.
 *
 * @param id            the server id (its shard is {@code (id >> 22) % total})
 * @param textChannelId its text channel
 */
public record FakeGuild(String id, String textChannelId) {
    public FakeGuild {
        if (id == null || textChannelId == null) {
            throw new IllegalArgumentException("id and textChannelId must be set");
        }
    }
}
