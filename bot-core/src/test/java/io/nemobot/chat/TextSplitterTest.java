package io.nemobot.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextSplitterTest {
    private static final String URL = "https://cdn.nemovideo.ai/renders/render_1712345678/output.mp4?sig=abc123def456";

    @Test
    void aShortTextIsOnePartUnchanged() {
        assertEquals(List.of("Your video is ready."), TextSplitter.split("Your video is ready.", 100));
        assertEquals(List.of(""), TextSplitter.split("", 100));
    }

    @Test
    void partsNeverExceedTheLimitAndKeepEveryWordInOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int limit = 10 + random.nextInt(190);
            String text = randomText(random, 5 + random.nextInt(120), limit);
            List<String> parts = TextSplitter.split(text, limit);
            for (String part : parts) {
                assertTrue(part.length() <= limit, "part of " + part.length() + " > " + limit + ": " + part);
                assertFalse(part.isBlank(), "blank part in " + parts);
            }
            assertEquals(words(text), words(String.join(" ", parts)), "limit " + limit + ", text: " + text);
        }
    }

    @Test
    void aUrlNearTheBoundaryStaysWhole() {
        for (int pad = 0; pad < 120; pad += 3) {
            String text = "word ".repeat(pad / 5) + "x".repeat(pad % 5) + " Your video is ready: " + URL + " enjoy it!";
            int limit = 100;
            List<String> parts = TextSplitter.split(text, limit);
            long whole = parts.stream().filter(p -> p.contains(URL)).count();
            assertEquals(1, whole, "pad " + pad + ": " + parts);
            parts.forEach(p -> assertTrue(p.length() <= limit));
        }
    }

    @Test
    void aUrlLongerThanTheLimitIsCutButKeepsEveryCharacter() {
        String text = "Link: " + URL;
        List<String> parts = TextSplitter.split(text, 30);
        parts.forEach(p -> assertTrue(p.length() <= 30, p));
        assertEquals(nonWhitespace(text), nonWhitespace(String.join("", parts)));
    }

    @Test
    void paragraphsComeFirst() {
        String first = "The first paragraph talks about the intro scene. It has two sentences.";
        String second = "The second paragraph.\nIt has a line break. And sentences. Many of them.";
        List<String> parts = TextSplitter.split(first + "\n\n" + second, first.length() + 40);
        assertEquals(first, parts.get(0));
        assertEquals(second, String.join("\n", parts.subList(1, parts.size())));
    }

    @Test
    void thenLineBreaks() {
        String line1 = "1. Video: city timelapse (0-10s). 2. BGM: Lo-fi (0-10s, 35%).";
        String line2 = "3. Title: \"Urban Dreams\" (0-3s). Say export to render it. Or ask for changes.";
        List<String> parts = TextSplitter.split(line1 + "\n" + line2, line1.length() + 30);
        assertEquals(List.of(line1, line2), parts);
    }

    @Test
    void thenSentenceEnds() {
        String s1 = "I added lo-fi music at 35% volume under the whole clip.";
        String s2 = "The title fades out after three seconds and the colours are warmer now.";
        List<String> parts = TextSplitter.split(s1 + " " + s2, s1.length() + 20);
        assertEquals(List.of(s1, s2), parts);
    }

    @Test
    void chineseWithoutSpacesSplitsAtTheFullStop() {
        String sentence = "我已经为你生成了一段城市夜景的视频。";
        String text = sentence.repeat(8);
        int limit = sentence.length() * 3 - 4;
        List<String> parts = TextSplitter.split(text, limit);
        assertTrue(parts.size() > 1);
        for (String part : parts) {
            assertTrue(part.length() <= limit);
            assertTrue(part.endsWith("。"), part);
            assertTrue(part.startsWith("我"), part);
        }
        assertEquals(text, String.join("", parts));
    }

    @Test
    void aWordLongerThanTheLimitIsHardCut() {
        String word = "supercalifragilistic".repeat(5);
        List<String> parts = TextSplitter.split(word, 30);
        assertEquals(List.of(word.substring(0, 30), word.substring(30, 60), word.substring(60, 90), word.substring(90)), parts);
        List<String> withWords = TextSplitter.split("short words then " + word + " and more", 30);
        withWords.forEach(p -> assertTrue(p.length() <= 30, p));
        assertEquals("short words then", withWords.get(0), "the long word starts a new part");
    }

    @Test
    void aHardCutNeverSplitsAnEmoji() {
        String text = "🎬".repeat(40);
        for (int limit = 10; limit < 30; limit++) {
            for (String part : TextSplitter.split(text, limit)) {
                assertTrue(part.length() <= limit);
                assertFalse(Character.isLowSurrogate(part.charAt(0)), "limit " + limit);
                assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), "limit " + limit);
            }
        }
    }

    @Test
    void aTinyLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TextSplitter.split("hello", 9));
    }

    private static String randomText(Random r, int words, int limit) {
        String[] vocabulary = {"video", "clip", "a", "the", "music", "title", "Urban", "Dreams", "timelapse", "(0-10s)",
                "35%", "export.", "done!", "why?", URL, "lo-fi", "城市夜景。", "🎬", "supercalifragilisticexpialidocious"};
        String[] separators = {" ", " ", " ", " ", "\n", "\n\n", "  ", ". "};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = vocabulary[r.nextInt(vocabulary.length)];
            if (w.length() + 1 > limit) {
                continue; // this property is about words that fit; hard cuts are tested on their own
            }
            s.append(w).append(separators[r.nextInt(separators.length)]);
        }
        return s.toString();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).forEach(out::add);
        return out;
    }

    private static String nonWhitespace(String s) {
        return s.replaceAll("\\s+", "");
    }
}
