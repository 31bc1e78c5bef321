package io.nemobot.discord;

import io.nemobot.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thread names, text chunks, click debouncing, the invite. */
class SmallPartsTest {
    @Test
    void aThreadIsNamedFromThePromptOnOneLineCutBetweenWords() {
        assertEquals("A cat surfing at sunset", ThreadNames.fromPrompt("  A cat\nsurfing   at sunset "));
        assertEquals(DiscordWords.DEFAULT_THREAD_NAME, ThreadNames.fromPrompt(" \n "));
        String longPrompt = "word ".repeat(40) + "end";
        String name = ThreadNames.fromPrompt(longPrompt);
        assertTrue(name.length() <= 100, name);
        assertTrue(name.endsWith("word…"), name);
        assertEquals(100, ThreadNames.fromPrompt("x".repeat(150)).length());
    }

    @Test
    void longTextIsSplitAtLinesOrWordsWithinTheLimit() {
        String text = ("line of words " .repeat(10) + "\n").repeat(30);
        List<String> chunks = TextChunks.split(text, 2000);
        assertTrue(chunks.size() > 1);
        chunks.forEach(chunk -> assertTrue(chunk.length() <= 2000));
        assertEquals(text.replaceAll("\\s+", " ").strip(), String.join(" ", chunks).replaceAll("\\s+", " ").strip());
        assertEquals(List.of("short"), TextChunks.split("short", 2000));
    }

    @Test
    void aSecondClickOnTheSameButtonSoonAfterIsTheFirstClicksEvent() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ClickDebouncer debouncer = new ClickDebouncer(clock, Duration.ofSeconds(5));

        assertEquals("i1", debouncer.eventId("m1/nemo:export", "i1"));
        assertEquals("i1", debouncer.eventId("m1/nemo:export", "i2"));
        assertEquals("i3", debouncer.eventId("m1/nemo:timeline", "i3"), "another button");
        assertEquals("i4", debouncer.eventId("m2/nemo:export", "i4"), "another message");
        clock.advance(Duration.ofSeconds(5));
        assertEquals("i5", debouncer.eventId("m1/nemo:export", "i5"), "a later click is a new request");
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
