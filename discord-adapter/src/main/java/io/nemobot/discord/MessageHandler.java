package io.nemobot.discord;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * Messages written in conversation threads and DMs: each one (text and dropped files) goes to the
 * core as a turn. Bots (this one included), webhooks and system messages never start turns;
 * messages in threads the bot does not hold are none of its business.
 */
final class MessageHandler {
    private final Conversations conversations;
    private final ChatPlatform platform;
    private final DiscordEntities entities;
    private final Clock clock;

    MessageHandler(Conversations conversations, ChatPlatform platform, DiscordEntities entities, Clock clock) {
        this.conversations = conversations;
        this.platform = platform;
        this.entities = entities;
        this.clock = clock;
    }

    void handle(MessageReceivedEvent event) {
        Message message = event.getMessage();
        User author = event.getAuthor();
        if (author.isBot() || author.isSystem() || message.isWebhookMessage() || message.getType().isSystem()) {
            return;
        }
        ThreadKey key = DiscordEntities.key(event.getChannel());
        if (!DiscordEntities.isDirect(event.getChannel()) && !conversations.isConversation(key)) {
            return;
        }
        String text = withoutMention(message.getContentRaw(), event.getJDA().getSelfUser().getId());
        List<Attachment> attachments = message.getAttachments().stream().map(entities::attachment).toList();
        if (text.isBlank() && attachments.isEmpty()) {
            return;
        }
        conversations.accept(new IncomingMessage(key, DiscordEntities.author(author, event.getMember()), text,
                attachments, Optional.empty(), message.getId(), DiscordEntities.written(message, clock)),
                platform.thread(key));
    }

    /** The text without mentions of the bot ("@Nemo add music" is "add music"). */
    static String withoutMention(String text, String selfId) {
        return text.replace("<@" + selfId + ">", "").replace("<@!" + selfId + ">", "").strip();
    }
}
