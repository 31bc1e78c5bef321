package io.nemobot.discord;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.OutgoingMessage;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.MessageTopLevelComponent;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * The core's {@link OutgoingMessage} as Discord message JSON: the text as content, the actions as
 * one row of buttons. Only user mentions notify (a prompt that says {@code @everyone} pings no one).
 */
final class MessageBodies {
    private static final EnumSet<MentionType> MENTIONS = EnumSet.of(MentionType.USER);

    private MessageBodies() {
    }

    static DataObject create(OutgoingMessage message) {
        checkLength(message);
        try (var data = new MessageCreateBuilder().setContent(message.text()).setComponents(components(message))
                .setAllowedMentions(MENTIONS).build()) {
            return data.toData();
        } catch (IllegalStateException e) {
            throw new ChatPlatformException(ChatPlatformException.Kind.OTHER, "empty message: " + e.getMessage(),
                    null, e);
        }
    }

    static DataObject edit(OutgoingMessage message) {
        checkLength(message);
        try (var data = new MessageEditBuilder().setContent(message.text()).setComponents(components(message))
                .setAllowedMentions(MENTIONS).build()) {
            return data.toData();
        }
    }

    private static List<MessageTopLevelComponent> components(OutgoingMessage message) {
        if (message.actions().isEmpty()) {
            return List.of();
        }
        List<Button> buttons = message.actions().stream().distinct().limit(5)
                .map(action -> action == Action.EXPORT
                        ? Button.primary(action.id(), action.label())
                        : Button.secondary(action.id(), action.label()))
                .toList();
        return List.of(ActionRow.of(buttons));
    }

    private static void checkLength(OutgoingMessage message) {
        if (message.text().length() > Message.MAX_CONTENT_LENGTH) {
            throw new ChatPlatformException(ChatPlatformException.Kind.TOO_LONG,
                    "message of " + message.text().length() + " characters; Discord allows "
                            + Message.MAX_CONTENT_LENGTH);
        }
    }
}
