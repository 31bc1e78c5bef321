package io.nemobot.testing;

import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import io.nemobot.nemo.Sleeper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A core wired to a simulator with short intervals, so tests run in milliseconds instead of minutes. */
public final class TestCores {
    private TestCores() {
    }

    /** Settings for tests: the simulator's URL, a data directory, fast polling and retries. */
    public static Map<String, String> fastSettings(String baseUrl, Path dataDir) {
        Map<String, String> s = new HashMap<>();
        s.put("NEMO_API_BASE", baseUrl);
        s.put("NEMO_BOT_DATA", dataDir.toString());
        s.put("NEMO_RENDER_POLL_INTERVAL", "20ms");
        s.put("NEMO_RATE_LIMIT_RETRY_AFTER", "20ms");
        s.put("NEMO_PROGRESS_INTERVAL", "50ms");
        s.put("NEMO_STILL_WORKING_INTERVAL", "2m");
        s.put("NEMO_RECOVERY_FIRST_CHECK", "50ms");
        s.put("NEMO_RECOVERY_INTERVAL", "50ms");
        s.put("NEMO_RECOVERY_CHECKS", "3");
        s.put("NEMO_REQUEST_TIMEOUT", "5s");
        s.put("NEMO_BOT_CONFIG", "does-not-exist");
        return s;
    }

    public static BotCore core(String baseUrl, Path dataDir, Map<String, String> overrides) {
        return builder(baseUrl, dataDir, overrides).build();
    }

    /** A builder with the test settings, for a test that passes its own clock, ticker or executors too. */
    public static BotCore.Builder builder(String baseUrl, Path dataDir, Map<String, String> overrides) {
        Map<String, String> s = fastSettings(baseUrl, dataDir);
        s.putAll(overrides);
        return BotCore.builder().settings(Settings.of(s)).sleeper(Sleeper.REAL);
    }
}
