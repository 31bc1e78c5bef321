package io.nemobot.discord;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.TextSplitter;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slash commands. Every interaction is acknowledged at once (a reply or a deferral), then handed to
 * the core: {@code /video} opens a thread on its reply and makes it a conversation; the others act
 * on the conversation they are used in, or say how to start one.
 */
final class CommandHandler {
    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    private static final int MAX_PROMPT_ECHO = 1_800;

    private final Conversations conversations;
    private final ChatPlatform platform;
    private final DiscordEntities entities;
    private final Clock clock;

    CommandHandler(Conversations conversations, ChatPlatform platform, DiscordEntities entities, Clock clock) {
        this.conversations = conversations;
        this.platform = platform;
        this.entities = entities;
        this.clock = clock;
    }

    void handle(SlashCommandInteractionEvent event) {
        switch (event.getName()) {
            case SlashCommands.VIDEO -> video(event);
            case SlashCommands.EXPORT, SlashCommands.CREDITS, SlashCommands.STATUS -> keyword(event, event.getName());
            case SlashCommands.UPLOAD -> upload(event);
            case SlashCommands.NEMO -> {
                if (SlashCommands.USAGE.equals(event.getSubcommandName())) {
                    usage(event);
                } else {
                    help(event);
                }
            }
            default -> event.reply(say(event, "discord.unknown.command")).setEphemeral(true).queue();
        }
    }

    private void video(SlashCommandInteractionEvent event) {
        String prompt = Optional.ofNullable(event.getOption(SlashCommands.PROMPT, OptionMapping::getAsString))
                .orElse("").strip();
        Channel channel = event.getChannel();
        if (prompt.isEmpty()) {
            event.reply(say(event, "discord.empty.prompt")).setEphemeral(true).queue();
        } else if (DiscordEntities.isDirect(channel) || channel instanceof ThreadChannel) {
            Optional<ThreadKey> key = conversation(event);
            if (key.isEmpty()) {
                event.reply(say(event, "discord.video.in.channel")).setEphemeral(true).queue();
                return;
            }
            replyThenAccept(event, echo(event, prompt), message(event, key.get(), prompt, List.of()));
        } else if (channel instanceof IThreadContainer) {
            openThread(event, prompt);
        } else {
            event.reply(say(event, "discord.video.in.channel")).setEphemeral(true).queue();
        }
    }

    /** Defer, answer, open a thread on the answer, claim it, then hand the prompt to it. */
    private void openThread(SlashCommandInteractionEvent event, String prompt) {
        event.deferReply()
                .flatMap(hook -> hook.editOriginal(quiet(echo(event, prompt))))
                .flatMap(reply -> reply.createThreadChannel(ThreadNames.fromPrompt(prompt,
                        say(event, "discord.thread.name")))
                        .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK))
                .queue(thread -> {
                    ThreadKey key = DiscordEntities.key(thread);
                    conversations.claim(key);
                    conversations.prompt(message(event, key, prompt, List.of()), platform.thread(key));
                }, failure -> {
                    log.warn("could not open a thread for /video in channel {}: {}", event.getChannelId(),
                            failure.toString());
                    event.getHook().editOriginal(quiet(say(event, "discord.thread.failed")))
                            .queue(null, ignored -> { });
                });
    }

    private void keyword(SlashCommandInteractionEvent event, String command) {
        Optional<ThreadKey> key = conversation(event);
        if (key.isEmpty()) {
            event.reply(say(event, "discord.start.here")).setEphemeral(true).queue();
            return;
        }
        replyThenAccept(event, say(event, "discord.working." + command),
                message(event, key.get(), command, List.of()));
    }

    private void upload(SlashCommandInteractionEvent event) {
        Optional<ThreadKey> key = conversation(event);
        Message.Attachment file = event.getOption(SlashCommands.FILE, OptionMapping::getAsAttachment);
        if (key.isEmpty() || file == null) {
            event.reply(say(event, "discord.start.here")).setEphemeral(true).queue();
            return;
        }
        replyThenAccept(event, say(event, "discord.uploading", "name", file.getFileName().replace("*", "")),
                message(event, key.get(), "", List.of(entities.attachment(file))));
    }

    private void help(SlashCommandInteractionEvent event) {
        String help = conversations.help(DiscordEntities.key(event.getChannel()),
                DiscordEntities.locale(event.getUserLocale()));
        List<String> chunks = TextSplitter.split(help.strip(), DiscordPlatform.MAX_MESSAGE_LENGTH);
        event.reply(chunks.get(0)).setEphemeral(true).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .queue(hook -> chunks.stream().skip(1)
                        .forEach(chunk -> hook.sendMessage(chunk).setEphemeral(true).queue()));
    }

    /**
     * {@code /nemo usage}: the core's answer, to the asker alone (it names users and their spending).
     * Whether the asker administers the server is Discord's Manage Server permission.
     */
    private void usage(SlashCommandInteractionEvent event) {
        Author asker = DiscordEntities.author(event.getUser(), event.getMember());
        String answer = conversations.usage(DiscordEntities.key(event.getChannel()), asker,
                DiscordEntities.locale(event.getUserLocale()));
        List<String> chunks = TextSplitter.split(answer.strip(), DiscordPlatform.MAX_MESSAGE_LENGTH);
        event.reply(chunks.get(0)).setEphemeral(true).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
                .queue(hook -> chunks.stream().skip(1)
                        .forEach(chunk -> hook.sendMessage(chunk).setEphemeral(true).queue()));
    }

    /** Acknowledges with a short visible answer, then hands the message on (also if the answer failed). */
    private void replyThenAccept(SlashCommandInteractionEvent event, String answer, IncomingMessage message) {
        Runnable accept = () -> conversations.accept(message, platform.thread(message.thread()));
        event.reply(answer).setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).queue(
                ok -> accept.run(),
                failure -> {
                    log.warn("could not answer /{} in {}: {}", event.getName(), message.thread(), failure.toString());
                    accept.run();
                });
    }

    private Optional<ThreadKey> conversation(SlashCommandInteractionEvent event) {
        Channel channel = event.getChannel();
        ThreadKey key = DiscordEntities.key(channel);
        return DiscordEntities.isDirect(channel) || conversations.isConversation(key)
                ? Optional.of(key)
                : Optional.empty();
    }

    private IncomingMessage message(SlashCommandInteractionEvent event, ThreadKey key, String text,
            List<Attachment> attachments) {
        Author author = DiscordEntities.author(event.getUser(), event.getMember());
        return new IncomingMessage(key, author, text, attachments, DiscordEntities.locale(event.getUserLocale()),
                event.getId(), DiscordEntities.written(event, clock));
    }

    private String echo(SlashCommandInteractionEvent event, String prompt) {
        String shown = prompt.length() > MAX_PROMPT_ECHO ? prompt.substring(0, MAX_PROMPT_ECHO) + "…" : prompt;
        return say(event, "discord.video.request", "mention", event.getUser().getAsMention(),
                "prompt", shown.replace("\n", "\n> "));
    }

    /** The core's words in the language of the user's Discord client. */
    private String say(SlashCommandInteractionEvent event, String key, Object... nameValuePairs) {
        return conversations.words().get(key, DiscordEntities.locale(event.getUserLocale()), "", nameValuePairs);
    }

    private static MessageEditData quiet(String text) {
        return new MessageEditBuilder().setContent(text)
                .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
    }
}
