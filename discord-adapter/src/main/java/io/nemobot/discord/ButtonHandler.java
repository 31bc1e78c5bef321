package io.nemobot.discord;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clicks on the core's buttons: acknowledged at once without changing the message, then handed to
 * the core with the interaction's id (the core knows a quick second click for a repeat).
 */
final class ButtonHandler {
    private static final Logger log = LoggerFactory.getLogger(ButtonHandler.class);

    private final Conversations conversations;
    private final ChatPlatform platform;
    private final Clock clock;

    ButtonHandler(Conversations conversations, ChatPlatform platform, Clock clock) {
        this.conversations = conversations;
        this.platform = platform;
        this.clock = clock;
    }

    void handle(ButtonInteractionEvent event) {
        event.deferEdit().queue(null, failure -> log.debug("could not acknowledge a click in channel {}: {}",
                event.getChannelId(), failure.toString()));
        Optional<Action> action = Action.fromId(event.getComponentId());
        ThreadKey key = DiscordEntities.key(event.getChannel());
        if (action.isEmpty() || !(DiscordEntities.isDirect(event.getChannel()) || conversations.isConversation(key))) {
            return;
        }
        conversations.click(new ActionClick(key, DiscordEntities.author(event.getUser(), event.getMember()),
                action.get(), event.getId(), DiscordEntities.written(event, clock)), platform.thread(key));
    }
}
