package io.nemobot.discord.fake;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/** Discord's JSON shapes (users, members, channels, messages, attachments), as the gateway and REST send them. */
public final class DiscordPayloads {
    static final int TEXT_CHANNEL = 0;
    static final int DM_CHANNEL = 1;
    static final int PUBLIC_THREAD = 11;
    static final int ONE_WEEK_MINUTES = 10080;

    private DiscordPayloads() {
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    static DataObject user(String id, String name, boolean bot) {
        return DataObject.empty().put("id", id).put("username", name).put("global_name", name)
                .put("discriminator", "0").put("avatar", null).put("bot", bot).put("system", false)
                .put("public_flags", 0).put("flags", 0);
    }

    static DataObject member(DataObject user, long permissions) {
        return DataObject.empty().put("user", user).put("roles", DataArray.empty()).put("nick", null)
                .put("avatar", null).put("joined_at", now()).put("premium_since", null).put("deaf", false)
                .put("mute", false).put("flags", 0).put("pending", false)
                .put("communication_disabled_until", null).put("permissions", Long.toString(permissions));
    }

    static DataObject everyoneRole(String guildId, long permissions) {
        return DataObject.empty().put("id", guildId).put("name", "@everyone").put("position", 0)
                .put("permissions", Long.toString(permissions)).put("managed", false).put("hoist", false)
                .put("mentionable", false).put("flags", 0).put("icon", null).put("unicode_emoji", null)
                .put("colors", DataObject.empty().put("primary_color", 0).put("secondary_color", null)
                        .put("tertiary_color", null));
    }

    static DataObject textChannel(String guildId, String id, String name) {
        return DataObject.empty().put("id", id).put("type", TEXT_CHANNEL).put("guild_id", guildId)
                .put("name", name).put("position", 0).put("permission_overwrites", DataArray.empty())
                .put("nsfw", false).put("topic", null).put("last_message_id", null).put("rate_limit_per_user", 0)
                .put("parent_id", null).put("flags", 0);
    }

    static DataObject thread(String guildId, String parentId, String id, String name, String ownerId,
            boolean archived, boolean locked) {
        DataObject metadata = DataObject.empty().put("archived", archived).put("locked", locked)
                .put("auto_archive_duration", ONE_WEEK_MINUTES).put("archive_timestamp", now())
                .put("create_timestamp", now());
        return DataObject.empty().put("id", id).put("type", PUBLIC_THREAD).put("guild_id", guildId)
                .put("parent_id", parentId).put("owner_id", ownerId).put("name", name)
                .put("last_message_id", null).put("member_count", 1).put("message_count", 0)
                .put("total_message_count", 0).put("rate_limit_per_user", 0).put("flags", 0)
                .put("thread_metadata", metadata);
    }

    static DataObject dmChannel(String id, DataObject recipient) {
        return DataObject.empty().put("id", id).put("type", DM_CHANNEL).put("last_message_id", null)
                .put("recipients", DataArray.empty().add(recipient)).put("flags", 0);
    }

    static DataObject message(String id, String channelId, String guildIdOrNull, DataObject author, String content,
            DataArray attachments, DataArray components) {
        DataObject message = DataObject.empty().put("id", id).put("type", 0).put("channel_id", channelId)
                .put("author", author).put("content", content).put("timestamp", now())
                .put("edited_timestamp", null).put("tts", false).put("mention_everyone", false)
                .put("mentions", DataArray.empty()).put("mention_roles", DataArray.empty())
                .put("attachments", attachments).put("embeds", DataArray.empty()).put("components", components)
                .put("pinned", false).put("flags", 0);
        if (guildIdOrNull != null) {
            message.put("guild_id", guildIdOrNull);
        }
        return message;
    }

    /** An attachment's metadata; {@code size} may claim more than the CDN holds (a refusal never downloads). */
    public static DataObject attachment(String id, String fileName, long size, String contentType, String url) {
        return DataObject.empty().put("id", id).put("filename", fileName).put("size", size)
                .put("content_type", contentType).put("url", url).put("proxy_url", url);
    }
}
