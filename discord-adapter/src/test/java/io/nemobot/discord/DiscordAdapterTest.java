package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.words.Messages;
import io.nemobot.discord.fake.DiscordPayloads;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.FakeInteraction;
import io.nemobot.discord.fake.RecordedCall;
import io.nemobot.discord.fake.Snowflakes;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingConversations;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.TimeUtil;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The adapter with the real JDA client against the fake Discord, and a recording core. */
class DiscordAdapterTest {
    static final Duration WAIT = AdapterOnFake.WAIT;

    @RegisterExtension
    final AdapterOnFake bot = new AdapterOnFake();
    FakeDiscord discord;
    RecordingConversations core;
    DiscordAdapter adapter;

    @BeforeEach
    void start() {
        bot.start(DiscordInvite.permissions(), fake -> { });
        discord = bot.discord;
        core = bot.core;
        adapter = bot.adapter;
    }

    @AfterEach
    void noFreeWords() {
        // Discord's commands are its own slash commands: the adapter never asks what free words name.
        assertEquals(List.of(), core.commandWords());
    }

    @Test
    void connectsWithTheMinimumIntentsAndRegistersTheCommandsGlobally() {
        int intents = discord.lastIdentify().getInt("intents");
        assertEquals(1 | GatewayIntent.getRaw(DiscordAdapter.INTENTS), intents, "GUILDS + the three intents");
        assertFalse(discord.lastIdentify().hasKey("compress"));
        List<RecordedCall> registrations = discord.calls("PUT", "applications/\\d+/commands");
        assertEquals(1, registrations.size());
        assertEquals("applications/" + discord.applicationId() + "/commands", registrations.get(0).path());
        List<String> names = discord.registeredCommands().stream(DataArray::getObject)
                .map(command -> command.getString("name")).toList();
        assertEquals(List.of("video", "export", "credits", "status", "upload", "nemo"), names);
    }

    @Test
    void saysItIsConnectedForReadinessUntilClosed() {
        Await.until(adapter::connected, WAIT, () -> "JDA status " + adapter.shards().stream().map(s -> s.getStatus()).toList());
        adapter.close();
        assertFalse(adapter.connected());
    }

    @Test
    void videoDefersAnswersOpensAThreadClaimsItAndHandsThePromptToIt() {
        FakeInteraction video = discord.slash(discord.textChannelId(), "video",
                Map.of("prompt", "A cat surfing at sunset, cinematic"));

        RecordingConversations.Accepted accepted = core.nextMessage(WAIT);
        assertEquals(5, video.acknowledgedWith(), "deferred reply first");
        String threadId = discord.threadsOpenedByBot().get(0);
        assertEquals(video.originalId(), threadId, "the thread is opened on the bot's reply");
        ThreadKey key = new ThreadKey("discord", discord.guildId(), discord.textChannelId(), threadId);
        assertEquals(List.of(key), core.claims());
        IncomingMessage message = accepted.message();
        assertEquals(key, message.thread());
        assertEquals("A cat surfing at sunset, cinematic", message.text());
        assertEquals(video.id(), message.eventId());
        assertEquals(discord.userId(), message.author().id());
        assertEquals(key, accepted.replyTo().key());
        assertEquals(Optional.of("A cat surfing at sunset, cinematic"), discord.threadName(threadId));
        assertTrue(discord.message(video.originalId()).orElseThrow().content().contains("A cat surfing at sunset"));
    }

    @Test
    void messagesInAConversationThreadContinueIt() {
        ThreadKey key = openConversation("A cat surfing");

        String messageId = discord.userMessage(key.thread(), "make it longer");

        IncomingMessage message = core.nextMessage(WAIT).message();
        assertEquals(key, message.thread());
        assertEquals("make it longer", message.text());
        assertEquals(messageId, message.eventId(), "the message id: a redelivery is the same turn");
        assertEquals(discord.userId(), message.author().id());
        assertFalse(message.author().bot());
        assertEquals(TimeUtil.getTimeCreated(Long.parseLong(messageId)).toInstant(), message.receivedAt(),
                "Discord's time of the message (its snowflake), whichever process receives it and when");
    }

    @Test
    void botsOwnMessagesOtherBotsAndThreadsTheBotDoesNotHoldNeverStartTurns() {
        ThreadKey key = openConversation("A cat surfing");
        adapter.platform().thread(key).post(OutgoingMessage.of("the bot's own reply"));
        discord.otherBotMessage(key.thread(), "beep, I am another bot");
        String foreignThread = discord.userThread("someone else's thread");
        discord.userMessage(foreignThread, "hello in a thread the bot does not hold");
        discord.userMessage(discord.textChannelId(), "hello in the plain channel");

        discord.userMessage(key.thread(), "the only turn");

        assertEquals("the only turn", core.nextMessage(WAIT).message().text());
        assertEquals(List.of(), core.pendingMessages(), "nothing more was handed to the core");
    }

    @Test
    void droppedFilesAreOfferedByMetadataAndDownloadedOnlyWhenTheCoreOpensThem() throws Exception {
        ThreadKey key = openConversation("A cat surfing");
        byte[] bytes = "not really an mp4, but bytes all the same".getBytes(StandardCharsets.UTF_8);
        String url = discord.cdnFile("clip.mp4", bytes);

        discord.userMessage(key.thread(), "use this",
                DiscordPayloads.attachment(Snowflakes.next(), "clip.mp4", bytes.length, "video/mp4", url));

        IncomingMessage message = core.nextMessage(WAIT).message();
        Attachment attachment = message.attachments().get(0);
        assertEquals("clip.mp4", attachment.name());
        assertEquals(bytes.length, attachment.size());
        assertEquals("video/mp4", attachment.contentType());
        assertEquals(0, discord.cdnRequests(), "nothing downloaded before the core opens it");
        try (InputStream in = attachment.source().open()) {
            assertEquals(new String(bytes, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        RecordedCall download = discord.calls("GET", "/cdn/.*").get(0);
        assertEquals(null, download.authorization(), "the bot token never goes to the CDN");
    }

    @Test
    void aDmIsOneConversationPerDmChannel() {
        String first = discord.userMessage(discord.dmChannelId(), "hi Nemo, a video of rain please");
        discord.slash(discord.dmChannelId(), "credits", Map.of());

        ThreadKey dm = new ThreadKey("discord", "-", discord.dmChannelId(), discord.dmChannelId());
        IncomingMessage message = core.nextMessage(WAIT).message();
        assertEquals(dm, message.thread());
        assertEquals(first, message.eventId());
        IncomingMessage credits = core.nextMessage(WAIT).message();
        assertEquals(dm, credits.thread());
        assertEquals("credits", credits.text());
        assertTrue(discord.threadsOpenedByBot().isEmpty());
    }

    @Test
    void exportCreditsAndStatusActOnTheConversationTheyAreUsedIn() {
        ThreadKey key = openConversation("A cat surfing");
        for (String command : List.of("export", "credits", "status")) {
            FakeInteraction interaction = discord.slash(key.thread(), command, Map.of());

            IncomingMessage message = core.nextMessage(WAIT).message();
            assertEquals(key, message.thread());
            assertEquals(command, message.text());
            assertEquals(interaction.id(), message.eventId());
            assertEquals(4, interaction.acknowledgedWith(), "answered at once");
            assertFalse(interaction.ephemeral());
        }
    }

    @Test
    void commandsOutsideAConversationSayHowToStartOne() {
        String foreignThread = discord.userThread("someone else's thread");
        FakeInteraction inChannel = discord.slash(discord.textChannelId(), "export", Map.of());
        FakeInteraction inForeignThread = discord.slash(foreignThread, "status", Map.of());
        FakeInteraction videoInForeignThread = discord.slash(foreignThread, "video", Map.of("prompt", "rain"));

        for (FakeInteraction interaction : List.of(inChannel, inForeignThread)) {
            awaitAnswer(interaction);
            assertTrue(interaction.ephemeral());
            assertEquals(Messages.of("en").get("discord.start.here"),
                    discord.message(interaction.originalId()).orElseThrow().content());
        }
        awaitAnswer(videoInForeignThread);
        assertEquals(Messages.of("en").get("discord.video.in.channel"),
                discord.message(videoInForeignThread.originalId()).orElseThrow().content());
        ThreadKey key = openConversation("the first real turn");
        assertEquals(key, core.claims().get(0));
        assertEquals(List.of(), core.pendingMessages(), "nothing more was handed to the core");
    }

    @Test
    void uploadHandsTheAttachedFileToTheConversation() {
        ThreadKey key = openConversation("A cat surfing");
        String attachmentId = Snowflakes.next();
        String url = discord.cdnFile("voice.mp3", new byte[] {1, 2, 3});
        DataArray options = DataArray.empty().add(DataObject.empty().put("name", "file").put("type", 11)
                .put("value", attachmentId));
        DataObject resolved = DataObject.empty().put("attachments", DataObject.empty().put(attachmentId,
                DiscordPayloads.attachment(attachmentId, "voice.mp3", 3, "audio/mpeg", url)));

        FakeInteraction upload = discord.slash(key.thread(), "upload", options, resolved);

        IncomingMessage message = core.nextMessage(WAIT).message();
        assertEquals(key, message.thread());
        assertEquals(upload.id(), message.eventId());
        assertEquals("voice.mp3", message.attachments().get(0).name());
        assertEquals("audio/mpeg", message.attachments().get(0).contentType());
        assertEquals(0, discord.cdnRequests());
    }

    @Test
    void nemoHelpShowsTheCoresHelpSplitAtDiscordsLimit() {
        String paragraph = "Describe the video you want and I will make it, then edit it with you. ";
        core.help(paragraph.repeat(20) + "\n\n" + paragraph.repeat(20));

        FakeInteraction help = discord.subcommand(discord.textChannelId(), "nemo", "help");

        RecordedCall followup = discord.awaitCall("the help's second part", WAIT,
                call -> call.is("POST", "webhooks/\\d+/" + help.token()));
        String first = discord.message(help.originalId()).orElseThrow().content();
        String second = followup.json().getString("content");
        assertTrue(first.length() <= 2000 && second.length() <= 2000);
        assertEquals(paragraph.repeat(40).replace(" \n", "\n").replaceAll("\\s+", " ").strip(),
                (first + " " + second).replaceAll("\\s+", " ").strip());
        assertTrue(help.ephemeral());
    }

    @Test
    void aButtonClickIsAcknowledgedAndHandedToTheCoreAsItsOwnEvent() {
        ThreadKey key = openConversation("A cat surfing");
        MessageHandle reply = adapter.platform().thread(key)
                .post(new OutgoingMessage("Your video is ready", List.of(Action.EXPORT, Action.TIMELINE)));
        assertEquals(List.of(Action.EXPORT.id(), Action.TIMELINE.id()),
                discord.message(reply.id()).orElseThrow().buttonIds());

        FakeInteraction first = discord.click(reply.id(), Action.EXPORT.id());
        FakeInteraction second = discord.click(reply.id(), Action.EXPORT.id());

        RecordingConversations.Clicked one = core.nextClick(WAIT);
        RecordingConversations.Clicked two = core.nextClick(WAIT);
        assertEquals(Action.EXPORT, one.click().action());
        assertEquals(key, one.click().thread());
        assertEquals(key, one.replyTo().key());
        assertEquals(first.id(), one.click().eventId());
        assertEquals(second.id(), two.click().eventId(), "telling a double-click from a new request is the core's rule");
        assertEquals(TimeUtil.getTimeCreated(Long.parseLong(first.id())).toInstant(), one.click().at(),
                "Discord's time of the interaction (its snowflake)");
        awaitAnswer(first);
        awaitAnswer(second);
        assertEquals(6, first.acknowledgedWith(), "deferEdit: the message stays as it is");
    }

    @Test
    void commandDescriptionsAreTheCoresWordsWithChineseLocalizations() {
        Messages english = Messages.of("en");
        Messages chinese = Messages.of("zh");
        int localized = 0;
        for (int i = 0; i < discord.registeredCommands().length(); i++) {
            DataObject command = discord.registeredCommands().getObject(i);
            String key = "discord.command." + command.getString("name");
            assertEquals(english.get(key), command.getString("description"), key);
            assertEquals(chinese.get(key), command.getObject("description_localizations").getString("zh-CN"), key);
            DataArray options = command.optArray("options").orElse(DataArray.empty());
            for (int o = 0; o < options.length(); o++) {
                DataObject option = options.getObject(o);
                String optionKey = key + "." + option.getString("name");
                assertEquals(english.get(optionKey), option.getString("description"), optionKey);
                assertEquals(chinese.get(optionKey), option.getObject("description_localizations").getString("zh-CN"),
                        optionKey);
                localized++;
            }
            localized++;
        }
        assertEquals(6 + 4, localized, "six commands, two options, /nemo help and /nemo usage");
    }

    @Test
    void aUserWithAChineseClientIsAnsweredInChinese() {
        discord.userLocale("zh-CN");
        FakeInteraction export = discord.slash(discord.textChannelId(), "export", Map.of());

        awaitAnswer(export);
        assertEquals(Messages.of("zh").get("discord.start.here"),
                discord.message(export.originalId()).orElseThrow().content());
    }

    @Test
    void theCoreWritesWithTheBotTokenOnTheThreadEvenAfterTheInteractionTokenDied() {
        ThreadKey key = openConversation("A cat surfing");
        discord.interactionTokenLifetime(Duration.ZERO);
        var thread = adapter.platform().thread(key);

        MessageHandle live = thread.post(OutgoingMessage.of("Generating your video…"));
        thread.edit(live, OutgoingMessage.of("Generating your video… 2 min"));
        thread.finish(live, new OutgoingMessage("Here it is: https://cdn.example/v.mp4", List.of(Action.EXPORT)));

        List<RecordedCall> writes = discord.calls().stream()
                .filter(call -> call.path().startsWith("channels/" + key.thread() + "/messages")).toList();
        assertEquals(3, writes.size());
        writes.forEach(call -> assertEquals("Bot " + FakeDiscord.TOKEN, call.authorization()));
        writes.forEach(call -> assertEquals(200, call.status()));
        assertEquals("Here it is: https://cdn.example/v.mp4", discord.message(live.id()).orElseThrow().content());
        assertEquals(List.of(Action.EXPORT.id()), discord.message(live.id()).orElseThrow().buttonIds());
        assertEquals("<@" + discord.userId() + ">", thread.mention(io.nemobot.chat.Author.human(discord.userId(), "A")));
    }

    @Test
    void aGatewayDropIsResumedAndATurnInProgressKeepsUpdating() {
        ThreadKey key = openConversation("A cat surfing");
        var thread = adapter.platform().thread(key);
        MessageHandle live = thread.post(OutgoingMessage.of("Generating…"));

        discord.dropGatewayAndAwait(WAIT);
        thread.edit(live, OutgoingMessage.of("Generating… still"));
        discord.userMessage(key.thread(), "written while the bot was away");
        discord.await("a resumed session", WAIT, () -> discord.gatewayResumes() >= 1 ? Optional.of(1) : Optional.empty());

        assertEquals("written while the bot was away", core.nextMessage(WAIT).message().text());
        thread.finish(live, OutgoingMessage.of("Done"));
        assertEquals("Done", discord.message(live.id()).orElseThrow().content());
        assertEquals(1, discord.gatewayIdentifies(), "resumed, not a new session");
    }

    private ThreadKey openConversation(String prompt) {
        discord.slash(discord.textChannelId(), "video", Map.of("prompt", prompt));
        IncomingMessage message = core.nextMessage(WAIT).message();
        assertEquals(prompt, message.text());
        return message.thread();
    }

    private void awaitAnswer(FakeInteraction interaction) {
        discord.await("an answer to interaction " + interaction.id(), WAIT,
                () -> interaction.acknowledgedWith() != 0 && (interaction.acknowledgedWith() == 6
                        || discord.message(interaction.originalId()).map(m -> !m.content().isEmpty()).orElse(false))
                        ? Optional.of(true) : Optional.empty());
    }
}
