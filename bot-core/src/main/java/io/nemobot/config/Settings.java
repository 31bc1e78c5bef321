package io.nemobot.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every setting by its one name: the environment variable of that name wins over the key of that
 * name in {@code nemo-bot.properties}. Lookups never log values (they may be secrets).
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Settings from explicit values only (tests). */
    public static Settings of(Map<String, String> values) {
        return new Settings(new HashMap<>(values));
    }

    /** The properties file's defaults, overridden by the given environment. */
    public static Settings load(Properties defaults, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        for (String name : defaults.stringPropertyNames()) {
            merged.put(name, defaults.getProperty(name).strip());
        }
        env.forEach((name, value) -> {
            // A blank variable (as compose files produce for unset ones) does not hide the file's value.
            if (value != null && !value.isBlank()) {
                merged.put(name, value.strip());
            }
        });
        return new Settings(merged);
    }

    /** Reads a UTF-8 properties file. */
    public static Properties readProperties(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a UTF-8 properties resource from the class path, or empty properties when absent. */
    public static Properties readResource(String name) {
        Properties properties = new Properties();
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(name)) {
            if (in != null) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
        return properties;
    }

    /** A copy with some values replaced (tests, the launcher's switches). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /** The value, or empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public boolean has(String name) {
        return get(name).isPresent();
    }

    /** Parses durations like {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or combinations like {@code 1m30s}. */
    public static Duration parseDuration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = DURATION.matcher(s);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !s.substring(end, m.start()).isBlank()) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != s.length()) {
            throw new IllegalArgumentException("not a duration (use e.g. 30s, 500ms, 2m): " + text);
        }
        return total;
    }
}
