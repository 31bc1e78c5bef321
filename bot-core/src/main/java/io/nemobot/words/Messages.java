package io.nemobot.words;

import io.nemobot.chat.Words;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/** Every user-facing word, per language ({@code en}, {@code zh}); English fills any gap. */
public final class Messages {
    private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();
    /** These words as the adapters' port: the language of the user's locale, else of their text. */
    public static final Words WORDS = (key, locale, text, nameValuePairs) -> of(locale, text).get(key, nameValuePairs);
    private final Properties words;
    private final Properties english;
    private final String language;

    private Messages(String language) {
        this.language = "zh".equals(language) ? "zh" : "en";
        this.words = bundle(this.language);
        this.english = bundle("en");
    }

    public static Messages of(String language) {
        return new Messages(language);
    }

    /** The words for someone whose locale the platform may give, else in the language of what they wrote. */
    public static Messages of(Optional<Locale> locale, String text) {
        return of(Language.detect(locale, text));
    }

    public String language() {
        return language;
    }

    /** The text of a key with {@code {name}} placeholders filled from name/value pairs. */
    public String get(String key, Object... nameValuePairs) {
        String text = words.getProperty(key, english.getProperty(key));
        if (text == null) {
            throw new IllegalArgumentException("no message " + key);
        }
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            text = text.replace("{" + nameValuePairs[i] + "}", String.valueOf(nameValuePairs[i + 1]));
        }
        return text;
    }

    /** {@code 45s}, {@code 2m 05s}, {@code 1h 02m}. */
    public static String elapsed(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    private static Properties bundle(String language) {
        return BUNDLES.computeIfAbsent(language, l -> {
            Properties p = new Properties();
            String name = "messages_" + l + ".properties";
            try (InputStream in = Messages.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }
}
