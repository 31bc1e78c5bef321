package io.nemobot.slack;

import static io.nemobot.slack.fake.SlackPayloads.envelope;
import static io.nemobot.slack.fake.SlackPayloads.fileShare;
import static io.nemobot.slack.fake.SlackPayloads.mention;
import static io.nemobot.slack.fake.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.chat.Action;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.testing.RecordingConversations;
import io.nemobot.testing.RecordingConversations.Accepted;
import io.nemobot.testing.RecordingConversations.Clicked;
import io.nemobot.slack.fake.SignedRequests;
import io.nemobot.slack.fake.SignedRequests.Reply;
import io.nemobot.slack.fake.SlackPayloads;
import io.nemobot.testing.CoreTime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Bolt app in HTTP mode, fed signed requests, against the fake Slack and a recording core. */
class SlackAdapterHttpTest {
    private static final Duration WAIT = CoreTime.WAIT;
    private static final String USER = "U0ANA";
    private static final String CHANNEL = "C0VIDEO";

    private FakeSlack fake;
    private RecordingConversations core;
    private SlackAdapter adapter;
    private SignedRequests slack;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        core = new RecordingConversations();
        adapter = new SlackAdapter(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN,
                "SLACK_SIGNING_SECRET", SignedRequests.SIGNING_SECRET,
                "SLACK_PORT", "0",
                "SLACK_API_URL", fake.apiUrl())), core);
        adapter.start();
        slack = new SignedRequests(adapter.httpPort().orElseThrow());
    }

    @AfterEach
    void stop() {
        adapter.close();
        fake.close();
    }

    @Test
    void saysItIsConnectedForReadinessWhileListening() {
        assertTrue(adapter.connected());
        adapter.close();
        assertFalse(adapter.connected());
    }

    @Test
    void aMentionStartsAConversationInTheThreadUnderIt() throws Exception {
        Reply reply = slack.event(envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> a video about <https://sea.example|the sea> &amp; waves", "1700000100.000100", null)));

        assertEquals(200, reply.status());
        IncomingMessage message = core.nextMessage(WAIT).message();
        assertEquals(new ThreadKey("slack", FakeSlack.TEAM, CHANNEL, "1700000100.000100"), message.thread());
        assertEquals("a video about https://sea.example & waves", message.text());
        assertEquals(USER, message.author().id());
        assertFalse(message.author().bot());
        assertEquals("slack:" + FakeSlack.TEAM + ":" + CHANNEL + ":1700000100.000100", message.eventId());
        assertEquals(java.time.Instant.parse("2023-11-14T22:15:00.000100Z"), message.receivedAt(),
                "Slack's time of the message (its ts), whichever process receives it and when");
    }

    @Test
    void aRetriedEventAndTheMessageTwinOfAMentionMakeOneTurn() throws Exception {
        String ts = "1700000100.000200";
        String mentionEvent = envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> make a video", ts, null));
        assertEquals(200, slack.event(mentionEvent).status());
        assertEquals(200, slack.retry(mentionEvent, 1).status());
        assertEquals(200, slack.event(envelope(message(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> make a video", ts,
                null))).status());

        core.nextMessage(WAIT);
        assertTrue(core.pendingMessages().isEmpty());
        assertTrue(core.duplicates().isEmpty(), "the adapter already dropped the retry: " + core.duplicates());
    }

    @Test
    void laterMessagesInAConversationThreadNeedNoMention() throws Exception {
        String root = "1700000100.000300";
        slack.event(envelope(message(CHANNEL, USER, "just chatting", "1700000100.000301", root)));
        slack.event(envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> a video", root, null)));
        core.nextMessage(WAIT);
        slack.event(envelope(message(CHANNEL, "U0BEN", "make it longer", "1700000100.000302", root)));

        Accepted followUp = core.nextMessage(WAIT);
        assertEquals(root, followUp.message().thread().thread());
        assertEquals("make it longer", followUp.message().text());
        assertEquals("U0BEN", followUp.message().author().id());
        assertTrue(core.pendingMessages().isEmpty(), "the first thread message came before the conversation");
    }

    @Test
    void directMessagesOpenAConversationPerThread() throws Exception {
        slack.event(envelope(message("D0ANA", USER, "a video about cats", "1700000100.000400", null)));
        slack.event(envelope(message("D0ANA", USER, "now with music", "1700000100.000401", "1700000100.000400")));

        assertEquals("1700000100.000400", core.nextMessage(WAIT).message().thread().thread());
        assertEquals("1700000100.000400", core.nextMessage(WAIT).message().thread().thread());
    }

    @Test
    void botsEditsAndTheBotItselfNeverStartTurns() throws Exception {
        JsonObject otherBot = message("D0ANA", "U0OTHERBOT", "I am a bot", "1700000100.000500", null);
        otherBot.addProperty("bot_id", "B0OTHER");
        JsonObject own = message("D0ANA", FakeSlack.BOT_USER, "my own reply", "1700000100.000501", null);
        JsonObject edited = message("D0ANA", USER, "edited", "1700000100.000502", null);
        edited.addProperty("subtype", "message_changed");
        JsonObject botMessage = message("D0ANA", USER, "via a bot", "1700000100.000503", null);
        botMessage.addProperty("subtype", "bot_message");
        for (JsonObject event : new JsonObject[] {otherBot, own, edited, botMessage}) {
            assertEquals(200, slack.event(envelope(event)).status());
        }
        slack.event(envelope(message("D0ANA", USER, "a human", "1700000100.000504", null)));

        assertEquals("a human", core.nextMessage(WAIT).message().text());
        assertTrue(core.pendingMessages().isEmpty());
    }

    @Test
    void forgedStaleAndUnsignedRequestsAre401() throws Exception {
        String event = envelope(message("D0ANA", USER, "sneaky", "1700000100.000600", null));
        assertEquals(401, slack.signedWith("not-the-secret", event).status());
        assertEquals(401, slack.signedAt(Instant.now().minus(Duration.ofMinutes(10)), event).status());
        assertEquals(401, slack.unsigned(event).status());
        slack.event(envelope(message("D0ANA", USER, "honest", "1700000100.000601", null)));

        assertEquals("honest", core.nextMessage(WAIT).message().text());
        assertTrue(core.pendingMessages().isEmpty());
    }

    @Test
    void aDroppedFileIsDescribedWithoutDownloadingAndStreamsWhenOpened() throws Exception {
        byte[] video = "not really an mp4, but bytes".getBytes(StandardCharsets.UTF_8);
        JsonObject file = fake.addFile("F0CLIP", "clip.mp4", "video/mp4", video);
        slack.event(envelope(fileShare("D0ANA", USER, "", "1700000100.000700", null, file)));

        IncomingMessage message = core.nextMessage(WAIT).message();
        Attachment attachment = message.attachments().get(0);
        assertEquals("clip.mp4", attachment.name());
        assertEquals(video.length, attachment.size());
        assertEquals("video/mp4", attachment.contentType());
        assertEquals(0, fake.downloads("F0CLIP"));
        try (InputStream in = attachment.source().open()) {
            assertEquals(new String(video, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(1, fake.downloads("F0CLIP"));
    }

    @Test
    void aFileSlackSentOnlyByIdIsLookedUpFirst() throws Exception {
        fake.addFile("F0LATER", "take2.mov", "video/quicktime", new byte[1234]);
        JsonObject bare = new JsonObject();
        bare.addProperty("id", "F0LATER");
        bare.addProperty("file_access", "check_file_info");
        slack.event(envelope(fileShare("D0ANA", USER, "use this", "1700000100.000800", null, bare)));

        Attachment attachment = core.nextMessage(WAIT).message().attachments().get(0);
        assertEquals("take2.mov", attachment.name());
        assertEquals(1234, attachment.size());
        assertEquals(1, fake.calls("files.info").size());
        assertEquals(0, fake.downloads("F0LATER"));
    }

    @Test
    void slashCommandPostsTheRootMentioningTheUserAndStartsThere() throws Exception {
        Reply reply = slack.form(SlackPayloads.command(CHANNEL, USER, "a 30-second video about the sea", "trig-1",
                fake.responseUrl("1")));
        assertEquals(200, reply.status());

        Accepted accepted = core.nextMessage(WAIT);
        FakeSlack.Message root = fake.messages().get(0);
        assertEquals("<@" + USER + ">: a 30-second video about the sea", root.text());
        assertEquals(null, root.threadTs);
        assertEquals(new ThreadKey("slack", FakeSlack.TEAM, CHANNEL, root.ts), accepted.message().thread());
        assertEquals("a 30-second video about the sea", accepted.message().text());
        assertTrue(core.isConversation(accepted.message().thread()));
        assertEquals("slack:command:trig-1", accepted.message().eventId());
        assertTrue(accepted.prompt(), "a /nemo prompt skips the keyword table");
    }

    @Test
    void slashCommandKeywordsGoToTheCoreAndHelpIsAnsweredPrivately() throws Exception {
        Reply help = slack.form(SlackPayloads.command(CHANNEL, USER, "help", "trig-2", fake.responseUrl("2")));
        assertEquals(200, help.status());
        assertEquals(RecordingConversations.HELP, JsonParser.parseString(help.body()).getAsJsonObject()
                .get("text").getAsString());

        String root = "1700000100.000900";
        slack.event(envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> a video about cats", root, null)));
        ThreadKey conversation = core.nextMessage(WAIT).message().thread();

        slack.form(SlackPayloads.command(CHANNEL, USER, "credits", "trig-3", fake.responseUrl("3")));
        Accepted credits = core.nextMessage(WAIT);
        assertEquals("credits", credits.message().text());
        assertFalse(credits.prompt(), "/nemo credits works like typing credits");
        assertEquals(conversation, credits.message().thread(), "in the person's conversation in this channel");
        assertEquals(conversation, credits.replyTo().key(), "answered in its thread");

        Reply chineseHelp = slack.form(SlackPayloads.command(CHANNEL, USER, "帮助", "trig-5", fake.responseUrl("5")));
        assertEquals(RecordingConversations.HELP, JsonParser.parseString(chineseHelp.body()).getAsJsonObject()
                .get("text").getAsString(), "帮助 is help, answered privately");
        slack.form(SlackPayloads.command(CHANNEL, USER, "状态", "trig-6", fake.responseUrl("6")));
        Accepted status = core.nextMessage(WAIT);
        assertEquals("状态", status.message().text());
        assertFalse(status.prompt(), "/nemo 状态 goes through the keyword table");
        assertEquals(conversation, status.message().thread());
        assertTrue(fake.calls("chat.postMessage").isEmpty(), "no new thread root was posted");
    }

    @Test
    void commandsAboutAConversationActOnThePersonsLatestOneInThatChannel() throws Exception {
        slack.event(envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> a film", "1700000100.000910", null)));
        core.nextMessage(WAIT);
        String later = "1700000100.000920";
        slack.event(envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> another film", later, null)));
        core.nextMessage(WAIT);
        slack.event(envelope(mention("C0OTHER", USER, "<@" + FakeSlack.BOT_USER + "> elsewhere", "1700000100.000930",
                null)));
        core.nextMessage(WAIT);

        slack.form(SlackPayloads.command(CHANNEL, USER, "export", "trig-20", fake.responseUrl("20")));
        Accepted export = core.nextMessage(WAIT);
        assertEquals(new ThreadKey("slack", FakeSlack.TEAM, CHANNEL, later), export.message().thread(),
                "the latest conversation of this person in this channel");
        assertEquals("slack:command:trig-20", export.message().eventId());
        assertTrue(fake.calls("chat.postMessage").isEmpty(), "no new thread started");
    }

    @Test
    void aCommandAboutAConversationWhereThereIsNoneSaysHowToStartOne() throws Exception {
        slack.event(envelope(mention(CHANNEL, "U0BEN", "<@" + FakeSlack.BOT_USER + "> a film", "1700000100.000940",
                null)));
        core.nextMessage(WAIT);

        Reply status = slack.form(SlackPayloads.command(CHANNEL, USER, "status", "trig-21", fake.responseUrl("21")));
        String answer = JsonParser.parseString(status.body()).getAsJsonObject().get("text").getAsString();
        assertTrue(answer.contains("/nemo") && answer.contains("no conversation"), answer);
        Reply chinese = slack.form(SlackPayloads.command(CHANNEL, USER, "状态", "trig-22", fake.responseUrl("22")));
        assertTrue(JsonParser.parseString(chinese.body()).getAsJsonObject().get("text").getAsString().contains("对话"));
        assertTrue(core.pendingMessages().isEmpty(), "another person's conversation is not theirs");
        assertTrue(fake.calls("chat.postMessage").isEmpty());
    }

    @Test
    void usageIsAnsweredPrivatelyAfterSlackSaysWhetherTheAskerIsAnAdminAndNothingIsPosted() throws Exception {
        fake.role("U0BOSS", "owner");
        slack.form(SlackPayloads.command(CHANNEL, "U0BOSS", "usage", "trig-u1", fake.responseUrl("u1")));
        fake.await("the report", f -> f.responses().size() == 1, WAIT);
        assertTrue(fake.responses().get(0).contains("USAGE REPORT for " + FakeSlack.TEAM), fake.responses().get(0));

        slack.form(SlackPayloads.command(CHANNEL, USER, "usage", "trig-u2", fake.responseUrl("u2")));
        fake.await("the refusal", f -> f.responses().size() == 2, WAIT);
        assertTrue(fake.responses().get(1).contains("USAGE IS FOR ADMINS"), fake.responses().get(1));
        assertEquals(List.of("U0BOSS", USER), fake.calls("users.info").stream().map(c -> c.param("user")).toList());
        assertEquals(List.of(), fake.calls("chat.postMessage"), "per-user figures are never posted in the channel");
        assertTrue(core.pendingMessages().isEmpty(), "no turn for the report");
    }

    @Test
    void usageTypedInAThreadCarriesTheAdminCheckAndOtherMessagesCostNoLookUp() throws Exception {
        fake.role("U0ADM", "admin");
        String root = "1700000100.000700";
        slack.event(envelope(mention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER + "> a video", root, null)));
        assertFalse(core.nextMessage(WAIT).message().author().admin());
        slack.event(envelope(message(CHANNEL, "U0ADM", "usage", "1700000100.000701", root)));
        IncomingMessage asked = core.nextMessage(WAIT).message();
        assertEquals("usage", asked.text());
        assertTrue(asked.author().admin(), "Slack says U0ADM is an admin");
        slack.event(envelope(message(CHANNEL, USER, "usage", "1700000100.000702", root)));
        assertFalse(core.nextMessage(WAIT).message().author().admin());
        assertEquals(2, fake.calls("users.info").size(), "only the usage messages were looked up");
    }

    @Test
    void aSlashCommandWhereTheBotCannotPostIsAnsweredPrivately() throws Exception {
        slack.form(SlackPayloads.command("CGONE2", USER, "a video", "trig-4", fake.responseUrl("4")));

        fake.await("a private answer", f -> !f.responses().isEmpty(), WAIT);
        assertTrue(fake.responses().get(0).contains("invite"), fake.responses().get(0));
        slack.form(SlackPayloads.command("CGONE2", USER, "一个关于大海的视频", "trig-7", fake.responseUrl("7")));
        fake.await("a second private answer", f -> f.responses().size() == 2, WAIT);
        assertTrue(fake.responses().get(1).contains("邀请"), "in the words' language: " + fake.responses().get(1));
        assertTrue(core.pendingMessages().isEmpty());
    }

    @Test
    void aButtonClickRunsTheActionInItsThreadAsItsOwnEvent() throws Exception {
        String thread = "1700000100.000900";
        String button = "1700000100.000901";
        assertEquals(200, slack.interaction(SlackPayloads.click(CHANNEL, button, thread, USER, Action.EXPORT.id(),
                "1700000200.000001")).status());
        assertEquals(200, slack.interaction(SlackPayloads.click(CHANNEL, button, thread, USER, Action.EXPORT.id(),
                "1700000200.400000")).status());

        Clicked clicked = core.nextClick(WAIT);
        assertEquals(Action.EXPORT, clicked.click().action());
        assertEquals(new ThreadKey("slack", FakeSlack.TEAM, CHANNEL, thread), clicked.click().thread());
        assertEquals(USER, clicked.click().author().id());
        assertEquals(java.time.Instant.parse("2023-11-14T22:16:40.000001Z"), clicked.click().at(),
                "Slack's time of the click (its action_ts)");
        Clicked again = core.nextClick(WAIT);
        assertNotEquals(clicked.click().eventId(), again.click().eventId(),
                "telling a double-click from a new request is the core's rule");
    }

    @Test
    void anAssistantThreadIsGreetedWithSuggestedPrompts() throws Exception {
        slack.event(envelope(SlackPayloads.assistantThreadStarted("D0ANA", USER, "1700000100.001000")));

        FakeSlack.Call prompts = fake.awaitCall("assistant.threads.setSuggestedPrompts", c -> true, WAIT);
        assertEquals("1700000100.001000", prompts.param("thread_ts"));
        assertEquals(4, JsonParser.parseString(prompts.param("prompts")).getAsJsonArray().size());
        FakeSlack.Message greeting = fake.thread("D0ANA", "1700000100.001000").get(0);
        assertEquals(RecordingConversations.HELP, greeting.text());
    }

    @Test
    void urlVerificationIsAnsweredAndEveryRequestIsAckedQuickly() {
        Reply challenge = slack.event("{\"type\":\"url_verification\",\"challenge\":\"c-123\",\"token\":\"x\"}");
        assertEquals(200, challenge.status());
        assertEquals("c-123", challenge.body());
        Reply other = slack.event(envelope(JsonParser.parseString("{\"type\":\"reaction_added\"}").getAsJsonObject()));
        assertEquals(200, other.status());
        assertTrue(other.took().compareTo(Duration.ofSeconds(3)) < 0);
    }
}
