package io.nemobot.words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private static Properties bundle(String language) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("messages_" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return p;
    }

    private static Set<String> placeholders(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyWordIsSaidInBothLanguagesWithTheSamePlaceholders() {
        Properties en = bundle("en");
        Properties zh = bundle("zh");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()),
                "a key missing in one language falls back to English mid-conversation");
        for (String key : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(zh.getProperty(key)), key);
            assertTrue(!zh.getProperty(key).isBlank(), key);
        }
    }

    @Test
    void placeholdersAreFilled() {
        Messages en = Messages.of("en");
        assertEquals("🚫 That file is too large — the limit is 200 MB. Try compressing or trimming it.",
                en.get("error.toolarge", "limit", "200 MB"));
        assertEquals("⏳ Rendering… 40%", en.get("export.progress", "progress", 40));
        assertEquals("⏳ 渲染中… 40%", Messages.of("zh").get("export.progress", "progress", 40));
    }

    @Test
    void unknownLanguagesSpeakEnglishAndUnknownKeysAreABug() {
        assertEquals("en", Messages.of("fr").language());
        assertEquals("en", Messages.of(null).language());
        assertEquals(Messages.of("en").get("credits", "available", 1, "frozen", 2, "total", 3),
                Messages.of("de").get("credits", "available", 1, "frozen", 2, "total", 3));
        assertThrows(IllegalArgumentException.class, () -> Messages.of("en").get("no.such.key"));
    }

    @Test
    void elapsedTime() {
        assertEquals("0s", Messages.elapsed(Duration.ZERO));
        assertEquals("45s", Messages.elapsed(Duration.ofSeconds(45)));
        assertEquals("2m 05s", Messages.elapsed(Duration.ofSeconds(125)));
        assertEquals("1h 02m", Messages.elapsed(Duration.ofSeconds(3725)));
        assertEquals("0s", Messages.elapsed(Duration.ofSeconds(-5)));
    }
}
