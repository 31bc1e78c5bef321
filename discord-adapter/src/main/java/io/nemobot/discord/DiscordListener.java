package io.nemobot.discord;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's events, dispatched to the handlers; the READY of every shard the process connects completes
 * {@code ready}, a shard's shutdown before that fails it with what to do. A handler's failure is logged with where it happened and
 * never reaches JDA's event thread.
 */
final class DiscordListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DiscordListener.class);

    private final CommandHandler commands;
    private final ButtonHandler buttons;
    private final MessageHandler messages;
    private final CompletableFuture<Boolean> ready;
    private final int shards;
    private final Set<Integer> readyShards = ConcurrentHashMap.newKeySet();

    DiscordListener(CommandHandler commands, ButtonHandler buttons, MessageHandler messages,
            CompletableFuture<Boolean> ready, int shards) {
        this.commands = commands;
        this.buttons = buttons;
        this.messages = messages;
        this.ready = ready;
        this.shards = shards;
    }

    @Override
    public void onReady(ReadyEvent event) {
        readyShards.add(event.getJDA().getShardInfo().getShardId());
        if (readyShards.size() >= shards) {
            ready.complete(true);
        }
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        ready.completeExceptionally(new IllegalStateException(closedBecause(event.getCloseCode())));
    }

    /** What the operator should do about the gateway closing before READY. */
    static String closedBecause(CloseCode code) {
        if (code == CloseCode.DISALLOWED_INTENTS) {
            return "Discord refused the Message Content intent: enable Message Content Intent (Developer Portal > "
                    + "your application > Bot > Privileged Gateway Intents) and restart";
        }
        if (code == CloseCode.AUTHENTICATION_FAILED) {
            return "Discord refused the bot token on the gateway: set " + DiscordAdapter.DISCORD_TOKEN
                    + " to the current token (Developer Portal > Bot > Reset Token)";
        }
        return "the gateway closed the connection" + (code == null ? "" : " (" + code.getCode() + " "
                + code.getMeaning() + ")");
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
