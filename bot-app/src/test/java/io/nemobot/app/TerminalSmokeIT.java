package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.nemobot.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What users actually run: the packaged jar, started as a new user would in terminal mode against
 * the bundled simulator. Catches a jar that lost its resources or service files in packaging.
 */
class TerminalSmokeIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @ParameterizedTest(name = "NEMO_LOG_FORMAT={0}")
    @ValueSource(strings = {"text", "json"})
    void theJarGeneratesShowsTheTimelineExportsAndPrintsTheLink(String logFormat) throws Exception {
        Path jar = Path.of(System.getProperty("nemo.jar", "target/nemo-bot.jar"));
        assertTrue(Files.isRegularFile(jar), "the runnable jar is built: " + jar.toAbsolutePath());
        Path clip = work.resolve("clip.mp4");
        byte[] mp4 = new byte[4096];
        System.arraycopy("\0\0\0\u0018ftypisom".getBytes(StandardCharsets.ISO_8859_1), 0, mp4, 0, 12);
        Files.write(clip, mp4);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString(), "--simulator")
                .directory(work.toFile()).redirectError(work.resolve("stderr.txt").toFile());
        pb.environment().put("NEMO_BOT_DATA", work.resolve("data").toString());
        pb.environment().put("NEMO_RENDER_POLL_INTERVAL", "200ms");
        pb.environment().put("NEMO_LOG_LEVEL", "DEBUG");
        pb.environment().put("NEMO_LOG_FORMAT", logFormat);
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment().remove("SLACK_BOT_TOKEN");
        Process bot = pb.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(() -> copy(bot.getInputStream(), out), "smoke-stdout");
        reader.start();
        try (Writer in = new OutputStreamWriter(bot.getOutputStream(), StandardCharsets.UTF_8)) {
            awaitOutput(out, "'quit' to leave");
            send(in, "make a 10-second video of a city at night");
            awaitOutput(out, "Say export to render it.");
            send(in, "status");
            awaitOutput(out, "Timeline (3 tracks): 1. Video: city timelapse (0-10s)");
            send(in, "upload " + clip);
            awaitOutput(out, "Uploaded clip.mp4 (4 KB)");
            send(in, "credits");
            awaitOutput(out, "Credits: 100 available");
            send(in, "export");
            awaitOutput(out, "Your video is ready: http://127.0.0.1:");
            send(in, "quit");
        }
        assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "the bot exits after quit");
        reader.join(5000);
        assertEquals(0, bot.exitValue(), out.toString());
        String stderr = Files.readString(work.resolve("stderr.txt"));
        assertFalse(stderr.contains("Exception"), stderr);
        assertFalse(out.toString().contains("sim_tok_"), "no token in the chat");
        assertFalse(out.toString().contains("**"), "markdown is rendered or stripped, never shown raw");
        assertFalse(stderr.contains("sim_tok_"), "no token in the logs");
        assertFalse(stderr.isBlank(), "DEBUG logs were written");
        if (logFormat.equals("json")) {
            stderr.lines().forEach(line -> assertTrue(JsonParser.parseString(line).isJsonObject(), line));
        }
        // A raw backend reply ({"code": 0, "data": ...} or {"success": ...}) is never logged, escaped or not.
        String unescaped = stderr.replace("\\\"", "\"").replace(" ", "");
        assertFalse(unescaped.contains("\"code\":") || unescaped.contains("\"success\":"), stderr);
        assertTrue(Files.isRegularFile(work.resolve("data/simulator/nemo-bot.db")), "the store is where NEMO_BOT_DATA says");
    }

    @Test
    void badSettingsAreAllListedAtOnceNamingTheVariables() throws Exception {
        Path jar = Path.of(System.getProperty("nemo.jar", "target/nemo-bot.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("NEMO_RENDER_POLL_INTERVAL", "soon");
        pb.environment().put("NEMO_SKILL", "no-such-skill");
        pb.environment().put("NEMO_METRICS_PORT", "metrics");
        pb.environment().put("NEMO_BOT_DATA", work.resolve("data").toString());
        pb.environment().put("SLACK_BOT_TOKEN", "xoxb-fake-test-token");
        pb.environment().remove("SLACK_APP_TOKEN");
        pb.environment().remove("SLACK_SIGNING_SECRET");
        Process bot = pb.start();
        String output = new String(bot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bot.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bot.exitValue(), output);
        assertTrue(output.contains("NEMO_RENDER_POLL_INTERVAL"), output);
        assertTrue(output.contains("NEMO_SKILL"), output);
        assertTrue(output.contains("NEMO_METRICS_PORT: expected a port number"), output);
        assertTrue(output.contains("SLACK_SIGNING_SECRET") || output.contains("SLACK_APP_TOKEN"), output);
        assertFalse(output.contains("xoxb-fake-test-token"), "tokens never appear in output");
    }

    private static void send(Writer in, String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    private static void awaitOutput(StringBuffer out, String needle) {
        Await.until(() -> out.indexOf(needle) >= 0, WAIT, out::toString);
    }

    private static void copy(InputStream in, StringBuffer out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            out.append("\n[stdout closed: ").append(e).append("]");
        }
    }
}
