package io.nemobot.discord;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import okhttp3.OkHttpClient;

/** JDA entities as core values: where (thread keys), who (authors), which files, which language. */
final class DiscordEntities {
    static final String NO_GUILD = "-";

    private final OkHttpClient http;

    DiscordEntities(OkHttpClient http) {
        this.http = http;
    }

    /**
     * Where a channel is, as a thread key: a guild thread is {@code (guild, parent, thread)}; any other
     * channel (a DM, a text channel) is {@code (guild or "-", channel, channel)}.
     */
    static ThreadKey key(Channel channel) {
        if (channel instanceof ThreadChannel thread) {
            return new ThreadKey(DiscordPlatform.NAME, thread.getGuild().getId(), thread.getParentChannel().getId(),
                    thread.getId());
        }
        String workspace = channel instanceof GuildChannel guildChannel ? guildChannel.getGuild().getId() : NO_GUILD;
        return new ThreadKey(DiscordPlatform.NAME, workspace, channel.getId(), channel.getId());
    }

    /** Whether the channel is a conversation by itself: a DM with the bot is one conversation. */
    static boolean isDirect(Channel channel) {
        return !channel.getType().isGuild();
    }

    /** The author; an admin when, in a server, they have Manage Server there (in a DM nobody is). */
    static Author author(User user, Member memberOrNull) {
        String name = memberOrNull != null ? memberOrNull.getEffectiveName() : user.getEffectiveName();
        boolean admin = memberOrNull != null && memberOrNull.hasPermission(Permission.MANAGE_SERVER);
        return new Author(user.getId(), name, user.isBot() || user.isSystem(), admin);
    }

    static Optional<Locale> locale(DiscordLocale locale) {
        return locale == null || locale == DiscordLocale.UNKNOWN
                ? Optional.empty()
                : Optional.of(Locale.forLanguageTag(locale.getLocale()));
    }

    /**
     * Discord's own time of a message or an interaction: its snowflake id's creation time, the same in every
     * delivery and on every shard, so processes receiving a thread's messages in any order agree on it.
     * The clock's time only where the id holds none (never for ids Discord made).
     */
    static Instant written(ISnowflake entity, Clock clock) {
        try {
            return entity.getTimeCreated().toInstant();
        } catch (RuntimeException e) {
            return clock.instant();
        }
    }

    /** An attachment's metadata, with its bytes left on the CDN until the core opens them. */
    Attachment attachment(Message.Attachment attachment) {
        return new Attachment(attachment.getFileName(), attachment.getSize(), attachment.getContentType(),
                new CdnByteSource(http, attachment.getUrl(), attachment.getFileName()));
    }
}
