package io.nemobot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Thread names, the invite, mentions. */
class SmallPartsTest {
    @Test
    void aThreadIsNamedFromThePromptOnOneLineCutBetweenWords() {
        assertEquals("A cat surfing at sunset", ThreadNames.fromPrompt("  A cat\nsurfing   at sunset ", "Nemo video"));
        assertEquals("Nemo video", ThreadNames.fromPrompt(" \n ", "Nemo video"));
        String longPrompt = "word ".repeat(40) + "end";
        String name = ThreadNames.fromPrompt(longPrompt, "Nemo video");
        assertTrue(name.length() <= 100, name);
        assertTrue(name.endsWith("word…"), name);
        assertEquals(100, ThreadNames.fromPrompt("x".repeat(150), "Nemo video").length());
    }

    @Test
    void theInviteAsksForExactlyTheFivePermissions() {
        assertEquals(1024L + 2048 + 16384 + (1L << 35) + (1L << 38), DiscordInvite.permissions());
        assertEquals("https://discord.com/oauth2/authorize?client_id=42&scope=bot+applications.commands"
                + "&permissions=309237664768", DiscordInvite.url("42"));
    }

    @Test
    void aMentionOfTheBotIsNotPartOfTheText() {
        assertEquals("add music", MessageHandler.withoutMention("<@99> add music", "99"));
        assertEquals("add music", MessageHandler.withoutMention("add music <@!99>", "99"));
        assertEquals("ask <@12>", MessageHandler.withoutMention("ask <@12>", "99"));
    }
}
