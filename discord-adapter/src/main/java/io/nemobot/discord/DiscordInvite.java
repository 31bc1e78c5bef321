package io.nemobot.discord;

import java.util.EnumSet;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/** The invite link with exactly the permissions the bot uses, and why each one. */
final class DiscordInvite {
    /**
     * View Channels (see the channel and its threads), Send Messages (typing indicator and DMs), Embed
     * Links (the MP4 link plays inline), Create Public Threads (one thread per {@code /video}), Send
     * Messages in Threads (the live replies). Replies to slash commands need no permission.
     */
    static final Set<Permission> PERMISSIONS = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_EMBED_LINKS, Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS);
    static final String SCOPES = "bot+applications.commands";

    private DiscordInvite() {
    }

    static long permissions() {
        return Permission.getRaw(PERMISSIONS);
    }

    static String url(String applicationId) {
        return "https://discord.com/oauth2/authorize?client_id=" + applicationId + "&scope=" + SCOPES
                + "&permissions=" + permissions();
    }
}
