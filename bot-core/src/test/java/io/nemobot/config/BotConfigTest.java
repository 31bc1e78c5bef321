package io.nemobot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BotConfigTest {
    private static final long MB = 1024L * 1024;
    private static final Properties FILE = Settings.readResource("config/nemo-bot.properties");

    private static BotConfig load(Map<String, String> env) {
        return BotConfig.load(Settings.load(FILE, env), ConfigSource.classpath());
    }

    @Test
    void theBundledConfigLoads() {
        assertTrue(FILE.size() > 20, "config/nemo-bot.properties is on the class path: " + FILE.size() + " keys");
        BotConfig c = load(Map.of());
        assertEquals("https://mega-api-prod.nemovideo.ai", c.nemo().baseUrl());
        assertEquals(Optional.empty(), c.nemo().token());
        assertEquals("unknown", c.skillPlatform());
        assertEquals(Duration.ofSeconds(10), c.renderPollInterval());
        assertEquals(Duration.ofMinutes(5), c.renderTimeout());
        assertEquals(Duration.ofMinutes(2), c.stillWorkingInterval());
        assertEquals(Duration.ofMinutes(15), c.nemo().streamMaxDuration());
        assertEquals(Duration.ofMinutes(10), c.nemo().streamIdleTimeout());
        assertEquals(Duration.ofSeconds(30), c.nemo().rateLimitRetryAfter());
        assertEquals(List.of("chat", "export", "credits", "status", "upload", "help", "usage"), List.copyOf(c.keywords().keySet()));
        assertTrue(c.keywords().get("chat").contains("add"), "edit verbs come first");
        assertTrue(c.keywords().get("export").contains("导出"));
    }

    @ParameterizedTest(name = "{0}: {1} MB")
    @CsvSource({"text-to-video-high-quality, 500", "text-to-video-kaggle, 200", "video-leaderboard-ai, 500", "caption-ab, 500"})
    void allFourSkillProfiles(String id, long limitMb) {
        SkillCatalog skills = load(Map.of()).skills();
        assertEquals(List.of("caption-ab", "text-to-video-high-quality", "text-to-video-kaggle", "video-leaderboard-ai"),
                skills.ids());
        SkillProfile p = skills.byId(id).orElseThrow();
        assertEquals(id, p.id());
        assertEquals(limitMb * MB, p.maxUploadBytes());
        assertTrue(!p.version().isBlank() && !p.name().isBlank(), p.toString());
        assertTrue(p.greeting("en").length() > 10 && !p.greeting("zh").equals(p.greeting("en")), "greetings in en and zh");
        assertEquals(3, p.examples().size());
        assertTrue(!p.preferredFormats().isEmpty());
        assertEquals(id, p.headers("unknown").source());
    }

    @Test
    void theDefaultSkillAndChannelSkills() {
        BotConfig c = load(Map.of("NEMO_CHANNEL_SKILLS", "C0123=caption-ab, 998877=text-to-video-kaggle"));
        assertEquals("text-to-video-high-quality", c.skills().defaultProfile().id());
        assertEquals("caption-ab", c.skills().forChannel("C0123").id());
        assertEquals(200 * MB, c.skills().forChannel("998877").maxUploadBytes());
        assertEquals("text-to-video-high-quality", c.skills().forChannel("elsewhere").id());
        assertEquals("video-leaderboard-ai", load(Map.of("NEMO_SKILL", "video-leaderboard-ai")).skills().defaultProfile().id());
    }

    @Test
    void theEnvironmentWinsOverTheFile() {
        Properties edited = new Properties();
        edited.putAll(FILE);
        edited.setProperty("NEMO_RENDER_POLL_INTERVAL", "20s");
        edited.setProperty("NEMO_USER_MAX_ACTIVE", "5");
        Settings fileOnly = Settings.load(edited, Map.of());
        assertEquals(Duration.ofSeconds(20), BotConfig.load(fileOnly, ConfigSource.classpath()).renderPollInterval());
        Settings both = Settings.load(edited, Map.of("NEMO_RENDER_POLL_INTERVAL", "30s", "NEMO_API_BASE", "http://127.0.0.1:8080/"));
        BotConfig c = BotConfig.load(both, ConfigSource.classpath());
        assertEquals(Duration.ofSeconds(30), c.renderPollInterval());
        assertEquals(5, c.userMaxActive(), "the file still counts where the environment is silent");
        assertEquals("http://127.0.0.1:8080", c.nemo().baseUrl());
    }

    @Test
    void everyProblemIsListedAtOnceEachNamingItsVariable() {
        Map<String, String> bad = new HashMap<>();
        bad.put("NEMO_RENDER_POLL_INTERVAL", "soon");
        bad.put("NEMO_SKILL", "nope");
        bad.put("NEMO_API_BASE", "ftp://x");
        bad.put("NEMO_USER_MAX_ACTIVE", "0");
        bad.put("NEMO_SKILL_PLATFORM", "windows");
        bad.put("NEMO_RECOVERY_CHECKS", "many");
        bad.put("NEMO_CHANNEL_SKILLS", "C1=ghost");
        ConfigException e = assertThrows(ConfigException.class, () -> load(bad));
        assertEquals(bad.size(), e.problems().size(), e.getMessage());
        for (String variable : bad.keySet()) {
            assertEquals(1, e.problems().stream().filter(p -> p.startsWith(variable + ":")).count(),
                    variable + " in " + e.problems());
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        }
        assertTrue(e.getMessage().contains("'soon'"), "the bad value is quoted: " + e.getMessage());
        assertTrue(e.getMessage().contains("text-to-video-kaggle"), "an unknown skill lists the known ones: " + e.getMessage());
    }

    @Test
    void aSkillListWithNoSkillIsAProblem() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("NEMO_SKILLS", " , ")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("NEMO_SKILLS:")), e.problems().toString());
        ConfigException missing = assertThrows(ConfigException.class, () -> load(Map.of("NEMO_SKILLS", "caption-ab, ghost")));
        assertTrue(missing.getMessage().contains("config/skills/ghost.properties"), missing.getMessage());
    }

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"30s, 30000", "500ms, 500", "2m, 120000", "1m30s, 90000", "1h, 3600000", "1m 30s, 90000", " 2M , 120000",
            "0s, 0"})
    void durations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Settings.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "30", "1.5s", "-5s", "", "s", "30 seconds", "1m30", "m30s", "99999999999999999999s"})
    void notDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> Settings.parseDuration(text));
    }

    @Test
    void aCombinedDurationFromTheEnvironment() {
        assertEquals(Duration.ofSeconds(90), load(Map.of("NEMO_RENDER_POLL_INTERVAL", "1m30s")).renderPollInterval());
        assertEquals(Duration.ofMillis(500), load(Map.of("NEMO_PROGRESS_INTERVAL", "500ms")).progressInterval());
    }

    @Test
    void theFileAndTheCodeAgreeOnEveryDefault() {
        BotConfig withFile = load(Map.of());
        BotConfig withNothing = BotConfig.load(Settings.of(Map.of()), ConfigSource.classpath());
        assertEquals(comparable(withNothing), comparable(withFile));
        assertEquals(withNothing.skills().ids(), withFile.skills().ids());
        for (String id : withFile.skills().ids()) {
            assertEquals(withNothing.skills().byId(id), withFile.skills().byId(id));
        }
        assertEquals(withNothing.skills().defaultProfile(), withFile.skills().defaultProfile());
        // Key by key, so a disagreement names its key.
        for (String key : FILE.stringPropertyNames()) {
            Properties one = new Properties();
            one.setProperty(key, FILE.getProperty(key));
            BotConfig c = BotConfig.load(Settings.load(one, Map.of()), ConfigSource.classpath());
            assertEquals(comparable(withNothing), comparable(c), key + "=" + FILE.getProperty(key) + " differs from the code's default");
        }
    }

    @Test
    void everyNemoKeyOfTheFileIsRead() {
        BotConfig defaults = load(Map.of());
        for (String key : FILE.stringPropertyNames()) {
            if (!key.startsWith("NEMO_")) {
                continue; // the adapters' keys are read by the adapters
            }
            BotConfig changed;
            try {
                changed = load(Map.of(key, "C9=caption-ab"));
            } catch (ConfigException e) {
                assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(key + ":")), key + ": " + e.problems());
                continue;
            }
            assertNotEquals(comparable(defaults), comparable(changed), key + " is in the file but changes nothing");
        }
    }

    /** The config with its skill catalog (a class without equals) replaced by what it holds. */
    private static List<Object> comparable(BotConfig c) {
        BotConfig noCatalog = new BotConfig(c.nemo(), c.skillPlatform(), null, c.keywords(), c.dataDir(), c.database(),
                c.renderPollInterval(), c.renderTimeout(), c.stillWorkingInterval(), c.progressInterval(),
                c.recoveryFirstCheck(), c.recoveryInterval(), c.recoveryChecks(), c.allowedChannels(), c.userMaxActive(),
                c.userDailyTurns(), c.channelDailyTurns(), c.commandMaxWords(), c.scriptMaxChars(), c.replyMaxChars(),
                c.maxFilesPerMessage(), c.registerUrl(), c.mentionAfter());
        SkillCatalog s = c.skills();
        return List.of(noCatalog, s.ids(), s.defaultProfile(), s.forChannel("C9"));
    }

    @Test
    void sizes() {
        assertEquals(500 * MB, Sizes.parse("500MB"));
        assertEquals(200 * MB, Sizes.parse("200 MB"));
        assertEquals(64 * 1024, Sizes.parse("64kb"));
        assertEquals(1536 * MB, Sizes.parse("1.5GB"));
        assertEquals(12, Sizes.parse("12"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("lots"));
        assertEquals("500 MB", Sizes.format(500 * MB));
        assertEquals("1.5 GB", Sizes.format(1536 * MB));
        assertEquals("12 KB", Sizes.format(12 * 1024));
        assertEquals("900 bytes", Sizes.format(900));
    }

    @Test
    void theDataDirectoryIsAPath() {
        assertEquals(Path.of("./data"), load(Map.of()).dataDir());
    }
}
