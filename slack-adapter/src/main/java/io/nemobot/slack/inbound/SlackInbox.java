package io.nemobot.slack.inbound;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.assistant.SuggestedPrompt;
import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.Checks;
import io.nemobot.chat.Command;
import io.nemobot.chat.Conversations;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.slack.files.SlackFiles;
import io.nemobot.slack.outbound.SlackCalls;
import io.nemobot.slack.outbound.SlackChatPlatform;
import io.nemobot.slack.outbound.SlackMarkup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each thing a Slack user does means for the core. Every method returns at once: anything that
 * needs a Web API call first (posting a slash command's thread root, a greeting, a {@code files.info}
 * look-up) runs on the executor, so Slack's request is acknowledged within its 3 seconds.
 */
public final class SlackInbox {
    private static final Logger log = LoggerFactory.getLogger(SlackInbox.class);
    /** Slack shows at most four suggested prompts. */
    static final int MAX_SUGGESTED_PROMPTS = 4;
    private static final int PROMPT_TITLE_LENGTH = 40;

    private final Conversations conversations;
    private final SlackChatPlatform platform;
    private final MethodsClient client;
    private final SlackFiles files;
    private final Executor executor;
    private final Clock clock;
    private final SlackAdmins admins;

    public SlackInbox(Conversations conversations, SlackChatPlatform platform, MethodsClient client, SlackFiles files,
            Executor executor, Clock clock) {
        this.conversations = Checks.notNull(conversations, "conversations");
        this.platform = Checks.notNull(platform, "platform");
        this.client = Checks.notNull(client, "client");
        this.files = Checks.notNull(files, "files");
        this.executor = Checks.notNull(executor, "executor");
        this.clock = Checks.notNull(clock, "clock");
        this.admins = new SlackAdmins(client, clock);
    }

    /** Whether the bot holds this thread (a channel thread whose later messages need no mention). */
    public boolean isConversation(ThreadKey thread) {
        return conversations.isConversation(thread);
    }

    /** A user wrote to the bot. A bare mention (no text, no file) is answered with the greeting. */
    public void message(SlackMessage message) {
        ThreadKey thread = message.thread();
        platform.recipient(thread, message.author().id());
        if (message.text().isBlank() && message.files().isEmpty()) {
            if (message.mention()) {
                conversations.claim(thread);
                later("greeting", () -> platform.thread(thread).post(OutgoingMessage.of(help(thread))));
            }
            return;
        }
        // The operator's report answers admins only: who is one, Slack says (a call, so only for that word).
        boolean usage = message.files().isEmpty()
                && conversations.command(message.text()).equals(Optional.of(Command.USAGE));
        Runnable deliver = () -> {
            List<Attachment> attachments = files.attachments(message.files());
            Author author = usage ? message.author().withAdmin(admins.isAdmin(message.author().id())) : message.author();
            conversations.accept(new IncomingMessage(thread, author, message.text(), attachments,
                    Optional.empty(), message.eventId(), message.written().orElseGet(clock::instant)),
                    platform.thread(thread));
        };
        if (usage || SlackFiles.needLookup(message.files())) {
            later(usage ? "admin look-up" : "file look-up", deliver);
        } else {
            deliver.run();
        }
    }

    /** Commands that act on the person's latest conversation in the channel where they are typed. */
    private static final java.util.Set<Command> IN_CONTEXT = java.util.EnumSet.of(Command.STATUS, Command.EXPORT,
            Command.CREDITS);

    /**
     * {@code /nemo ...}: help (answered privately, returned here as the ack's text); a command about a
     * conversation ({@code status}, {@code export}, {@code credits}, in any of the table's languages),
     * which acts on the person's latest conversation in that channel and is answered in its thread (or,
     * with no conversation there, privately with how to start one); or anything else, which is posted as
     * a new thread root mentioning the user and then handled in that thread: a keyword of the core's
     * table on its own ({@code upload}) as if typed there, any other text as a prompt for the backend,
     * whatever its words. {@code privately} shows a message to the user alone when posting fails.
     *
     * @return the text to answer privately right away, or empty when the work goes on in a thread
     */
    public Optional<String> command(SlashCommand command, Consumer<String> privately) {
        String text = MessageTranslator.clean(command.text(), null);
        ThreadKey channelKey = MessageTranslator.key(command.team(), command.channel(), command.channel());
        Optional<Command> named = text.isEmpty() ? Optional.of(Command.HELP) : conversations.command(text);
        if (named.equals(Optional.of(Command.HELP))) {
            // Slack gives no locale: the help is in the language of the words typed (/nemo 帮助).
            Locale language = Locale.forLanguageTag(conversations.words().get("language", Optional.empty(), text));
            return Optional.of(SlackMarkup.mrkdwn(conversations.help(channelKey, Optional.of(language))));
        }
        if (named.equals(Optional.of(Command.USAGE))) {
            // Per user and channel: shown to the asker alone, never posted in the channel.
            later("usage", () -> privately.accept(SlackMarkup.mrkdwn(conversations.usage(channelKey,
                    Author.human(command.user(), command.userName()).withAdmin(admins.isAdmin(command.user())),
                    Optional.empty()))));
            return Optional.empty();
        }
        if (named.isPresent() && IN_CONTEXT.contains(named.get())) {
            Optional<ThreadKey> latest = platform.latestConversation(command.team(), command.channel(), command.user());
            if (latest.isEmpty()) {
                return Optional.of(SlackMarkup.mrkdwn(
                        conversations.words().get("slack.no.conversation", Optional.empty(), text)));
            }
            later("slash command", () -> inConversation(command, text, latest.get()));
            return Optional.empty();
        }
        later("slash command", () -> startThread(command, text, named.isPresent(), privately));
        return Optional.empty();
    }

    /** A command about a conversation, typed in its channel: handled (and answered) in that conversation's thread. */
    private void inConversation(SlashCommand command, String text, ThreadKey thread) {
        platform.recipient(thread, command.user());
        IncomingMessage message = new IncomingMessage(thread, Author.human(command.user(), command.userName()), text,
                List.of(), Optional.empty(), "slack:command:" + command.triggerId(), clock.instant());
        conversations.accept(message, platform.thread(thread));
    }

    private void startThread(SlashCommand command, String text, boolean named, Consumer<String> privately) {
        ChatPostMessageResponse root;
        try {
            root = SlackCalls.run("chat.postMessage", () -> client.chatPostMessage(r -> r
                    .channel(command.channel())
                    .text("<@" + command.user() + ">: " + SlackMarkup.mrkdwn(text))
                    .unfurlLinks(false)));
        } catch (RuntimeException e) {
            log.info("Cannot start a thread for /nemo in channel {}: {}", command.channel(), e.getMessage());
            privately.accept(conversations.words().get("slack.cannot.post", Optional.empty(), text));
            return;
        }
        ThreadKey thread = MessageTranslator.key(command.team(), command.channel(), root.getTs());
        platform.recipient(thread, command.user());
        conversations.claim(thread);
        // The root Slack just took stands for the command: its ts is the platform's time of it.
        IncomingMessage message = new IncomingMessage(thread, Author.human(command.user(), command.userName()), text,
                List.of(), Optional.empty(), "slack:command:" + command.triggerId(),
                SlackTs.instant(root.getTs()).orElseGet(clock::instant));
        if (named) {
            conversations.accept(message, platform.thread(thread));
        } else {
            conversations.prompt(message, platform.thread(thread));
        }
    }

    /** A click on one of the core's buttons (the core knows a quick second click for a repeat). */
    public void click(ButtonClick click) {
        Optional<Action> action = Action.fromId(click.actionId());
        if (action.isEmpty()) {
            return;
        }
        ThreadKey thread = MessageTranslator.key(click.team(), click.channel(), click.threadTs());
        platform.recipient(thread, click.user());
        String eventId = "slack:click:" + click.channel() + ":" + click.messageTs() + ":" + click.actionId() + ":"
                + click.actionTs();
        conversations.click(new ActionClick(thread, Author.human(click.user(), click.userName()), action.get(),
                eventId, SlackTs.instant(click.actionTs()).orElseGet(clock::instant)), platform.thread(thread));
    }

    /** The assistant panel opened a thread: greet, and offer the skill's example prompts. */
    public void assistantThreadStarted(String team, String channel, String threadTs, String user) {
        ThreadKey thread = MessageTranslator.key(team, channel, threadTs);
        platform.recipient(thread, user);
        later("assistant greeting", () -> {
            platform.thread(thread).post(OutgoingMessage.of(help(thread)));
            List<SuggestedPrompt> prompts = suggestedPrompts(conversations.examplePrompts(thread));
            if (!prompts.isEmpty()) {
                SlackCalls.run("assistant.threads.setSuggestedPrompts", () -> client.assistantThreadsSetSuggestedPrompts(
                        r -> r.channelId(channel).threadTs(threadTs).prompts(prompts)));
            }
        });
    }

    static List<SuggestedPrompt> suggestedPrompts(List<String> examples) {
        List<SuggestedPrompt> prompts = new ArrayList<>();
        for (String example : examples) {
            if (example == null || example.isBlank() || prompts.size() == MAX_SUGGESTED_PROMPTS) {
                continue;
            }
            String title = example.length() <= PROMPT_TITLE_LENGTH ? example
                    : example.substring(0, PROMPT_TITLE_LENGTH - 1).stripTrailing() + "\u2026";
            prompts.add(new SuggestedPrompt(title, example));
        }
        return prompts;
    }

    private String help(ThreadKey thread) {
        return conversations.help(thread, Optional.empty());
    }

    private void later(String what, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("Slack {} failed: {}", what, e.getMessage(), e);
            }
        });
    }
}
