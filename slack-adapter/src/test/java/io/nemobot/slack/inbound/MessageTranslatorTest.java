package io.nemobot.slack.inbound;

import static io.nemobot.slack.fake.SlackPayloads.fileShare;
import static io.nemobot.slack.fake.SlackPayloads.mention;
import static io.nemobot.slack.fake.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageTranslatorTest {
    private static final String TEAM = "T1";
    private static final String BOT = "UBOT";
    private final Set<ThreadKey> held = new HashSet<>();
    private final MessageTranslator translator = new MessageTranslator(held::contains);

    @Test
    void aMentionOpensTheThreadUnderItOrContinuesTheThreadItIsIn() {
        SlackMessage top = translator.fromMention(TEAM, BOT, mention("C1", "U1", "<@UBOT> hi", "10.1", null))
                .orElseThrow();
        SlackMessage inThread = translator.fromMention(TEAM, BOT, mention("C1", "U1", "<@UBOT> hi", "10.2", "9.9"))
                .orElseThrow();

        assertEquals(new ThreadKey("slack", TEAM, "C1", "10.1"), top.thread());
        assertEquals("9.9", inThread.thread().thread());
        assertEquals(Optional.of(Instant.ofEpochSecond(10, 100_000_000)), top.written(), "Slack's time of it: its ts");
        assertEquals("hi", top.text());
        assertTrue(top.mention());
    }

    @Test
    void channelMessagesCountOnlyInHeldThreadsAndMentionsAreLeftToAppMention() {
        assertTrue(translator.fromMessage(TEAM, BOT, message("C1", "U1", "hello", "10.3", null)).isEmpty());
        assertTrue(translator.fromMessage(TEAM, BOT, message("C1", "U1", "hello", "10.4", "9.9")).isEmpty());
        held.add(new ThreadKey("slack", TEAM, "C1", "9.9"));
        assertEquals("hello", translator.fromMessage(TEAM, BOT, message("C1", "U1", "hello", "10.4", "9.9"))
                .orElseThrow().text());
        assertTrue(translator.fromMessage(TEAM, BOT, message("C1", "U1", "<@UBOT> again", "10.5", "9.9")).isEmpty());
    }

    @Test
    void aTsIsReadToTheMicrosecondSoMessagesOfOneSecondKeepTheirOrder() {
        assertEquals(Optional.of(Instant.parse("2023-11-14T22:15:00.000123Z")), SlackTs.instant("1700000100.000123"));
        assertTrue(SlackTs.instant("1700000100.000123").get().isBefore(SlackTs.instant("1700000100.000124").get()));
        assertEquals(Optional.of(Instant.ofEpochSecond(1700000100)), SlackTs.instant("1700000100"));
        assertEquals(Optional.empty(), SlackTs.instant("not-a-ts"));
        assertEquals(Optional.empty(), SlackTs.instant(null));
    }

    @Test
    void bothDeliveriesOfOneMessageShareAnEventId() {
        JsonObject dm = message("D1", "U1", "<@UBOT> hi", "10.6", null);
        String viaMessage = translator.fromMessage(TEAM, BOT, dm).orElseThrow().eventId();
        String viaMention = translator.fromMention(TEAM, BOT, mention("D1", "U1", "<@UBOT> hi", "10.6", null))
                .orElseThrow().eventId();
        assertEquals(viaMessage, viaMention);
    }

    @Test
    void botsAndSystemSubtypesAreNotUsers() {
        JsonObject bot = message("D1", "U2", "beep", "10.7", null);
        bot.addProperty("bot_id", "B2");
        JsonObject joined = message("D1", "U1", "joined", "10.8", null);
        joined.addProperty("subtype", "channel_join");
        JsonObject self = message("D1", BOT, "my reply", "10.9", null);
        assertTrue(translator.fromMessage(TEAM, BOT, bot).isEmpty());
        assertTrue(translator.fromMessage(TEAM, BOT, joined).isEmpty());
        assertTrue(translator.fromMessage(TEAM, BOT, self).isEmpty());
        assertFalse(translator.fromMessage(TEAM, BOT, fileShare("D1", "U1", "", "11.0", null)).isEmpty());
    }

    @Test
    void wireTextIsUnescapedAndLinksAreBare() {
        assertEquals("see https://a.example/x?y=1&z=2 & <this> or me@a.example",
                MessageTranslator.clean("<@UBOT> see <https://a.example/x?y=1&amp;z=2|a.example> &amp; &lt;this&gt; "
                        + "or <mailto:me@a.example|me@a.example>", BOT));
    }
}
