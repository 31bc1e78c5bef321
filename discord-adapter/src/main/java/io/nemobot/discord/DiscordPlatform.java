package io.nemobot.discord;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Checks;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.List;

/**
 * Discord as the core sees it: 2,000 characters a message, about 5 edits per 5 s in a channel and
 * 50 requests a second for the whole bot. Threads are opened by id alone, so the core can write into
 * any of them, also after a restart.
 */
final class DiscordPlatform implements ChatPlatform {
    static final String NAME = "discord";
    static final int MAX_MESSAGE_LENGTH = 2000;
    static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);
    static final String BOT_SCOPE = "discord-bot";

    private static final PlatformProfile PROFILE = new PlatformProfile(NAME, MAX_MESSAGE_LENGTH, MIN_EDIT_INTERVAL,
            // Discord limits edits per channel by route; new messages have their own bucket, the bot-wide limit counts all.
            List.of(new EditBudget("discord edits per channel", 5, Duration.ofSeconds(5), EditBudget.PER_THREAD, false),
                    new EditBudget("discord requests per bot", 50, Duration.ofSeconds(1), key -> BOT_SCOPE)));

    private final DiscordRest rest;
    private final TypingIndicator typing;

    DiscordPlatform(DiscordRest rest, TypingIndicator typing) {
        this.rest = rest;
        this.typing = typing;
    }

    @Override
    public PlatformProfile profile() {
        return PROFILE;
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        Checks.notNull(key, "key");
        if (!NAME.equals(key.platform())) {
            throw new IllegalArgumentException("not a Discord thread: " + key);
        }
        return new DiscordChatThread(key, rest, typing);
    }
}
