package io.nemobot.discord;

import java.util.concurrent.CountDownLatch;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's events, dispatched to the handlers. A handler's failure is logged with where it happened and
 * never reaches JDA's event thread.
 */
final class DiscordListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DiscordListener.class);

    private final CommandHandler commands;
    private final ButtonHandler buttons;
    private final MessageHandler messages;
    private final CountDownLatch readyOrShutdown;

    DiscordListener(CommandHandler commands, ButtonHandler buttons, MessageHandler messages,
            CountDownLatch readyOrShutdown) {
        this.commands = commands;
        this.buttons = buttons;
        this.messages = messages;
        this.readyOrShutdown = readyOrShutdown;
    }

    @Override
    public void onReady(ReadyEvent event) {
        readyOrShutdown.countDown();
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        readyOrShutdown.countDown();
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        try {
            commands.handle(event);
        } catch (RuntimeException e) {
            log.error("/{} failed in channel {}", event.getName(), event.getChannelId(), e);
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        try {
            buttons.handle(event);
        } catch (RuntimeException e) {
            log.error("button {} failed in channel {}", event.getComponentId(), event.getChannelId(), e);
        }
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        try {
            messages.handle(event);
        } catch (RuntimeException e) {
            log.error("message {} failed in channel {}", event.getMessageId(), event.getChannel().getId(), e);
        }
    }
}
