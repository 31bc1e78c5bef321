package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.slack.fake.SignedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One member of a test fleet: the packaged jar in a child JVM, as an operator runs it, with its own
 * instance id, data folder, {@code /readyz} port and Slack HTTP port; its stdout and stderr go to a log
 * file that failures quote. Killed with {@link #kill()} as {@code kill -9} would, stopped with
 * {@link #terminate()} as SIGTERM would.
 */
final class BotProcess implements AutoCloseable {
    /** Settings a child must not inherit from the test JVM's environment. */
    private static final List<String> FOREIGN = List.of("NEMO_", "DISCORD_", "SLACK_");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final int metricsPort;
    private final int slackPort;
    private final SignedRequests slack;

    private BotProcess(String name, Process process, Path log, int metricsPort, int slackPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.metricsPort = metricsPort;
        this.slackPort = slackPort;
        this.slack = new SignedRequests(slackPort);
    }

    /** Starts {@code java -jar nemo-bot.jar} in {@code work/name} with these settings (plus its own ports and id). */
    static BotProcess launch(String name, Path work, Map<String, String> settings) {
        Path jar = Path.of(System.getProperty("nemo.jar", "target/nemo-bot.jar"));
        assertTrue(Files.isRegularFile(jar), "the runnable jar is built: " + jar.toAbsolutePath());
        int metricsPort = freePort();
        int slackPort = freePort();
        try {
            Path dir = Files.createDirectories(work.resolve(name));
            Path log = dir.resolve("bot.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // Small heap, serial GC, the quick compiler and no verification of the jar's own classes (it is the
            // build's output): three of these start at once on two cores shared with the test.
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote", "-jar", jar.toAbsolutePath().toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> FOREIGN.stream().anyMatch(k::startsWith));
            pb.environment().putAll(settings);
            pb.environment().put("NEMO_INSTANCE_ID", name);
            pb.environment().put("NEMO_BOT_DATA", dir.resolve("data").toString());
            pb.environment().put("NEMO_METRICS_PORT", Integer.toString(metricsPort));
            pb.environment().put("SLACK_PORT", Integer.toString(slackPort));
            return new BotProcess(name, pb.start(), log, metricsPort, slackPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Signed Slack requests to this process's {@code /slack/events}, as a load balancer would pass them on. */
    SignedRequests slack() {
        return slack;
    }

    int slackPort() {
        return slackPort;
    }

    /** Whether something accepts connections on this process's Slack HTTP port. */
    boolean slackListening() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), slackPort), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code /readyz}'s status, or -1 while nothing answers. */
    int readyz() {
        try {
            return HTTP.send(get("/readyz"), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Messages this process handled ({@code nemo_turns_total}, every intent and outcome): the turns it ran. */
    long turns() {
        String scrape;
        try {
            scrape = HTTP.send(get("/metrics"), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": /metrics did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("nemo_turns_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(sum);
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is handed over. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " did not die");
    }

    /** SIGTERM, as {@code systemctl stop} or Kubernetes sends it: the bot stops gracefully (hand-over, drain, exit 0). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to end and returns its exit status; fails after the timeout. */
    int awaitExit(Duration timeout) throws InterruptedException {
        assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), name + " did not exit within " + timeout);
        return process.exitValue();
    }

    /** The end of this process's log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return "---- " + name + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + ":\n"
                    + String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        } catch (IOException e) {
            return name + ": " + e;
        }
    }

    /** Whether the log has a line containing the text. */
    boolean logged(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                .timeout(Duration.ofSeconds(5)).build();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
