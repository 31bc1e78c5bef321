package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged jar, run as an operator would (terminal mode against a simulator in this
 * JVM): {@code /readyz} goes 503 first, a new message is told the bot is restarting, the turn still
 * streaming after the grace ends with that note instead of its progress line, the process exits 0, and
 * the next start explains the interrupted turn as after a crash without sending anything twice.
 */
class GracefulShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;
    NemoSimulator sim;
    Process bot;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.destroyForcibly();
        }
        sim.releaseHangs();
        sim.close();
    }

    @Test
    void sigtermDrainsEndsTheLiveReplyInWordsExitsZeroAndTheRestartExplainsIt() throws Exception {
        sim.enqueueTurn(Turn.agent().text("Storyboarding the scenes").toolCall("generate_video").hang());
        int port = freePort();
        StringBuffer out = new StringBuffer();
        bot = launch(port, out, "stderr-1.txt");
        try (Writer in = new OutputStreamWriter(bot.getOutputStream(), StandardCharsets.UTF_8)) {
            await(out, "'quit' to leave");
            send(in, "make a long video");
            await(out, "⏳");
            // The acknowledgement can show before the chat request reaches the backend: stop mid-stream, not before it.
            sim.awaitChatMessages(1, WAIT);
            Await.until(() -> status(port) == 200, WAIT, () -> "readyz " + status(port));

            bot.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its streams)
            Await.until(() -> status(port) == 503, WAIT, () -> "readyz " + status(port));
            Path stderr = work.resolve("stderr-1.txt");
            Await.until(() -> read(stderr).contains("new messages are told the bot is restarting"), WAIT, () -> read(stderr));
            try {
                send(in, "are you there?");
            } catch (IOException e) {
                throw new AssertionError("stdin closed; exited " + bot.isAlive() + "\n" + read(stderr) + "\n" + out, e);
            }
            await(out, "I'm restarting — back in a moment");
            assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "the bot exits after the grace");
        }
        assertEquals(0, bot.exitValue(), out.toString());
        String shown = out.toString();
        assertTrue(shown.contains("Storyboarding the scenes"), shown);
        assertTrue(shown.contains("I'm restarting. I'll tell you where this stands as soon as I'm back."), shown);
        assertEquals(1, sim.requests(Endpoint.CHAT).size(), "the message sent while stopping never reached the backend");
        assertFalse(read(work.resolve("stderr-1.txt")).contains("\tat "), "no stack trace: " + read(work.resolve("stderr-1.txt")));

        sim.releaseHangs();
        StringBuffer again = new StringBuffer();
        bot = launch(port, again, "stderr-2.txt");
        try (Writer in = new OutputStreamWriter(bot.getOutputStream(), StandardCharsets.UTF_8)) {
            await(again, "I restarted while working on this");
            send(in, "quit");
            assertTrue(bot.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, bot.exitValue(), again.toString());
        assertEquals(1, sim.requests(Endpoint.CHAT).size(), "nothing was sent again after the restart");
    }

    private Process launch(int port, StringBuffer out, String stderr) throws IOException {
        Path jar = Path.of(System.getProperty("nemo.jar", "target/nemo-bot.jar"));
        assertTrue(Files.isRegularFile(jar), "the runnable jar is built: " + jar.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toAbsolutePath().toString())
                .directory(work.toFile()).redirectError(work.resolve(stderr).toFile());
        pb.environment().put("NEMO_API_BASE", sim.baseUrl());
        pb.environment().put("NEMO_BOT_DATA", work.resolve("data").toString());
        pb.environment().put("NEMO_METRICS_PORT", Integer.toString(port));
        pb.environment().put("NEMO_SHUTDOWN_GRACE", "2s");
        pb.environment().put("NEMO_PROGRESS_INTERVAL", "200ms");
        pb.environment().put("NEMO_LOG_LEVEL", "INFO");
        pb.environment().remove("NEMO_TOKEN");
        pb.environment().remove("DISCORD_TOKEN");
        pb.environment().remove("SLACK_BOT_TOKEN");
        Process p = pb.start();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "shutdown-it-stdout");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private int status(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void send(Writer in, String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    private static void await(StringBuffer out, String needle) {
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
