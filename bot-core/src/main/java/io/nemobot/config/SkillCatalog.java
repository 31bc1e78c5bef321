package io.nemobot.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The skill profiles the bot serves, which one is the default, and which channels use another.
 * Profiles are read from properties files ({@code config/skills/*.properties}).
 */
public final class SkillCatalog {
    private final Map<String, SkillProfile> profiles;
    private final String defaultSkill;
    private final Map<String, String> channelSkills;

    public SkillCatalog(Map<String, SkillProfile> profiles, String defaultSkill, Map<String, String> channelSkills) {
        this.profiles = Map.copyOf(profiles);
        this.defaultSkill = defaultSkill;
        this.channelSkills = Map.copyOf(channelSkills);
        if (!this.profiles.containsKey(defaultSkill)) {
            throw new IllegalArgumentException("unknown default skill " + defaultSkill);
        }
    }

    /** The profile for a channel: its assigned one, else the default. */
    public SkillProfile forChannel(String channelId) {
        return profiles.get(channelSkills.getOrDefault(channelId, defaultSkill));
    }

    public Optional<SkillProfile> byId(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public SkillProfile defaultProfile() {
        return profiles.get(defaultSkill);
    }

    public List<String> ids() {
        return new ArrayList<>(new TreeMap<>(profiles).keySet());
    }

    /** Reads one profile file. Keys: id, version, name, greeting, greeting.zh, example.N, tip.N, max-upload, preferred-formats. */
    public static SkillProfile parse(Properties p) {
        Map<String, String> greeting = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.equals("greeting")) {
                greeting.put("en", p.getProperty(key).strip());
            } else if (key.startsWith("greeting.")) {
                greeting.put(key.substring("greeting.".length()), p.getProperty(key).strip());
            }
        }
        return new SkillProfile(p.getProperty("id", "").strip(), p.getProperty("version", "").strip(),
                p.getProperty("name", p.getProperty("id", "")).strip(), greeting, numbered(p, "example."),
                numbered(p, "tip."), Sizes.parse(p.getProperty("max-upload", "500MB")),
                list(p.getProperty("preferred-formats", "")));
    }

    private static List<String> numbered(Properties p, String prefix) {
        Map<Integer, String> sorted = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                try {
                    sorted.put(Integer.parseInt(key.substring(prefix.length())), p.getProperty(key).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected " + prefix + "<number>, got " + key);
                }
            }
        }
        return new ArrayList<>(sorted.values());
    }

    /** Splits {@code a, b ,c} into its non-blank parts. */
    public static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** Parses {@code channel=skill, channel2=skill2}. */
    public static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list(text)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("expected channel=skill, got " + pair);
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }
}
