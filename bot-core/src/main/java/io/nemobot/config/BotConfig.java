package io.nemobot.config;

import io.nemobot.nemo.NemoSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The core's whole configuration, typed and validated at once: {@link #load} lists every problem,
 * each naming the variable to set. Values come from {@link Settings} (environment over
 * {@code config/nemo-bot.properties}); skill profiles and the keyword table from their own files.
 */
public record BotConfig(
        NemoSettings nemo,
        String skillPlatform,
        SkillCatalog skills,
        Map<String, List<String>> keywords,
        Path dataDir,
        Optional<PostgresUrl> database,
        Duration renderPollInterval,
        Duration renderTimeout,
        Duration stillWorkingInterval,
        Duration progressInterval,
        Duration recoveryFirstCheck,
        Duration recoveryInterval,
        int recoveryChecks,
        Set<String> allowedChannels,
        int userMaxActive,
        int userDailyTurns,
        int channelDailyTurns,
        int commandMaxWords,
        int scriptMaxChars,
        int replyMaxChars,
        int maxFilesPerMessage,
        String registerUrl,
        Duration mentionAfter) {

    public static final String DEFAULT_SKILLS = "text-to-video-high-quality, text-to-video-kaggle, video-leaderboard-ai, caption-ab";

    /** Reads and validates everything; throws {@link ConfigException} listing every problem. */
    public static BotConfig load(Settings s, ConfigSource source) {
        Problems p = new Problems(s);
        String base = s.get("NEMO_API_BASE", "https://mega-api-prod.nemovideo.ai");
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            p.add("NEMO_API_BASE", "must be an http(s) URL");
            base = "https://invalid";
        }
        NemoSettings nemo = new NemoSettings(base, s.get("NEMO_TOKEN"), s.get("NEMO_CLIENT_ID"),
                p.duration("NEMO_REQUEST_TIMEOUT", "60s"), p.duration("NEMO_STREAM_MAX_DURATION", "15m"),
                p.duration("NEMO_STREAM_IDLE_TIMEOUT", "10m"), p.duration("NEMO_RATE_LIMIT_RETRY_AFTER", "30s"),
                p.integer("NEMO_MAX_CONCURRENT_STREAMS", 4096, 1));

        Map<String, SkillProfile> profiles = new LinkedHashMap<>();
        List<String> skillIds = SkillCatalog.list(s.get("NEMO_SKILLS", DEFAULT_SKILLS));
        if (skillIds.isEmpty()) {
            p.add("NEMO_SKILLS", "lists no skill; e.g. " + DEFAULT_SKILLS);
        }
        for (String id : skillIds) {
            Optional<Properties> file = source.read("skills/" + id + ".properties");
            if (file.isEmpty()) {
                p.add("NEMO_SKILLS", "no profile file config/skills/" + id + ".properties");
                continue;
            }
            try {
                SkillProfile profile = SkillCatalog.parse(file.get());
                if (!profile.id().equals(id)) {
                    p.add("NEMO_SKILLS", "config/skills/" + id + ".properties has id " + profile.id());
                }
                profiles.put(profile.id(), profile);
            } catch (IllegalArgumentException e) {
                p.add("NEMO_SKILLS", "config/skills/" + id + ".properties: " + e.getMessage());
            }
        }
        String defaultSkill = s.get("NEMO_SKILL", "text-to-video-high-quality");
        if (!profiles.isEmpty() && !profiles.containsKey(defaultSkill)) {
            p.add("NEMO_SKILL", "unknown skill '" + defaultSkill + "'; one of " + profiles.keySet());
        }
        Map<String, String> channelSkills = Map.of();
        try {
            channelSkills = SkillCatalog.pairs(s.get("NEMO_CHANNEL_SKILLS", ""));
            for (Map.Entry<String, String> e : channelSkills.entrySet()) {
                if (!profiles.containsKey(e.getValue())) {
                    p.add("NEMO_CHANNEL_SKILLS", "channel " + e.getKey() + " names unknown skill '" + e.getValue() + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            p.add("NEMO_CHANNEL_SKILLS", e.getMessage());
        }
        String platform = s.get("NEMO_SKILL_PLATFORM", "unknown");
        if (!Set.of("clawhub", "cursor", "unknown").contains(platform)) {
            p.add("NEMO_SKILL_PLATFORM", "must be clawhub, cursor or unknown");
        }

        // Read by the launcher (OpsSettings), validated here so that startup lists every problem at once.
        p.problems.addAll(OpsSettings.problems(s));

        Map<String, List<String>> keywords = new LinkedHashMap<>();
        Properties table = source.read("keywords.properties").orElseGet(Properties::new);
        // Edit and generation verbs come first: "add music to the timeline" is a prompt, not a status request.
        keywords.put("chat", SkillCatalog.list(table.getProperty("chat", "")));
        for (String intent : List.of("export", "credits", "status", "upload", "help")) {
            List<String> words = SkillCatalog.list(table.getProperty(intent, ""));
            if (words.isEmpty()) {
                p.add("config/keywords.properties", "no keywords for '" + intent + "'");
            }
            keywords.put(intent, words);
        }
        // Added after the first keyword files were written: an operator's older copy need not list it.
        keywords.put("usage", SkillCatalog.list(table.getProperty("usage", "usage, 用量")));

        Optional<PostgresUrl> database = Optional.empty();
        if (s.has("NEMO_DATABASE_URL")) {
            try {
                database = Optional.of(PostgresUrl.parse(s.get("NEMO_DATABASE_URL").orElseThrow()));
            } catch (IllegalArgumentException e) {
                p.add("NEMO_DATABASE_URL", e.getMessage()); // the message never repeats the value: it may hold a password
            }
        }

        BotConfig config = new BotConfig(nemo, platform,
                profiles.isEmpty() || !profiles.containsKey(defaultSkill) ? null
                        : new SkillCatalog(profiles, defaultSkill, onlyKnown(channelSkills, profiles)),
                keywords, Path.of(s.get("NEMO_BOT_DATA", "./data")), database,
                p.duration("NEMO_RENDER_POLL_INTERVAL", "10s"), p.duration("NEMO_RENDER_TIMEOUT", "5m"),
                p.duration("NEMO_STILL_WORKING_INTERVAL", "2m"), p.duration("NEMO_PROGRESS_INTERVAL", "15s"),
                p.duration("NEMO_RECOVERY_FIRST_CHECK", "30s"), p.duration("NEMO_RECOVERY_INTERVAL", "60s"),
                p.integer("NEMO_RECOVERY_CHECKS", 5, 1),
                new HashSet<>(SkillCatalog.list(s.get("NEMO_ALLOWED_CHANNELS", ""))),
                p.integer("NEMO_USER_MAX_ACTIVE", 3, 1), p.integer("NEMO_USER_DAILY_TURNS", 200, 0),
                p.integer("NEMO_CHANNEL_DAILY_TURNS", 0, 0), p.integer("NEMO_COMMAND_MAX_WORDS", 8, 1),
                p.integer("NEMO_SCRIPT_MAX_CHARS", 20000, 100), p.integer("NEMO_REPLY_MAX_CHARS", 40000, 1000),
                p.integer("NEMO_MAX_FILES_PER_MESSAGE", 10, 1),
                s.get("NEMO_REGISTER_URL", "https://nemovideo.ai/register"),
                p.duration("NEMO_MENTION_AFTER", "1m"));
        p.throwIfAny();
        return config;
    }

    private static Map<String, String> onlyKnown(Map<String, String> pairs, Map<String, SkillProfile> profiles) {
        Map<String, String> out = new LinkedHashMap<>(pairs);
        out.values().removeIf(v -> !profiles.containsKey(v));
        return out;
    }

    /** Collects problems while reading typed values. */
    private static final class Problems {
        private final Settings settings;
        private final List<String> problems = new ArrayList<>();

        Problems(Settings settings) {
            this.settings = settings;
        }

        void add(String variable, String problem) {
            problems.add(variable + ": " + problem);
        }

        Duration duration(String name, String fallback) {
            return typed(name, fallback, Settings::parseDuration, "a duration like 30s, 500ms or 2m",
                    Settings.parseDuration(fallback));
        }

        int integer(String name, int fallback, int min) {
            int value = typed(name, String.valueOf(fallback), Integer::parseInt, "a whole number", fallback);
            if (value < min) {
                add(name, "must be at least " + min);
                return fallback;
            }
            return value;
        }

        private <T> T typed(String name, String fallback, Function<String, T> parse, String expected, T safe) {
            String raw = settings.get(name, fallback);
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                add(name, "expected " + expected + ", got '" + raw + "'");
                return safe;
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
