package io.nemobot.discord;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Checks;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;

/**
 * One Discord thread (or DM channel) as the core's outgoing port. Every call is one REST call with
 * the bot token on the channel itself, never on an interaction webhook (whose token dies after 15
 * minutes while a Nemo turn can last as long).
 */
final class DiscordChatThread implements ChatThread {
    private final ThreadKey key;
    private final DiscordRest rest;
    private final TypingIndicator typing;

    DiscordChatThread(ThreadKey key, DiscordRest rest, TypingIndicator typing) {
        this.key = Checks.notNull(key, "key");
        this.rest = rest;
        this.typing = typing;
    }

    @Override
    public ThreadKey key() {
        return key;
    }

    @Override
    public MessageHandle post(OutgoingMessage message) {
        String id = rest.createMessage(key.thread(), MessageBodies.create(message));
        typing.cleared(key.thread());
        return new MessageHandle(id);
    }

    @Override
    public void edit(MessageHandle message, OutgoingMessage content) {
        Checks.notNull(message, "message");
        rest.editMessage(key.thread(), message.id(), MessageBodies.edit(content));
    }

    @Override
    public void status(String statusOrNull) {
        if (statusOrNull != null) {
            try {
                typing.show(key.thread());
            } catch (RuntimeException e) {
                // best effort by contract: a status line never fails a turn
            }
        }
    }

    @Override
    public String mention(Author author) {
        return "<@" + author.id() + ">";
    }

    @Override
    public String toString() {
        return "DiscordChatThread[" + key + "]";
    }
}
