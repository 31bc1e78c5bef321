package io.nemobot.bench;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The bot side's handle on the {@link WorldMain} process: starts it, sends commands, reads answers. */
public final class World implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final String simUrl;
    private final String cdnUrl;
    private final ConcurrentLinkedQueue<CompletableFuture<String>> pending = new ConcurrentLinkedQueue<>();
    private final List<String> uploadLines = new CopyOnWriteArrayList<>();

    private World(Process process) throws IOException {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        for (int skipped = 0; ready != null && !ready.startsWith("ready ") && skipped < 20; skipped++) {
            ready = out.readLine(); // the JVM's own start-up lines (a JFR recording prints some)
        }
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IOException("the simulator process did not start: " + ready);
        }
        String[] a = ready.split(" ");
        this.simUrl = a[1];
        this.cdnUrl = a[2];
        Thread reader = new Thread(this::readAnswers, "bench-world-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a fresh world for these settings; its log goes to {@code log}. */
    public static World start(Plan.Settings settings, Path log) {
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            String cp = Path.of(World.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Xss512k"));
            String extra = System.getProperty("bench.worldJvmArgs", "").strip();
            if (!extra.isEmpty()) {
                cmd.addAll(List.of(extra.split("\\s+"))); // e.g. a JFR recording of the simulator
            }
            cmd.addAll(List.of("-cp", cp, WorldMain.class.getName()));
            cmd.addAll(List.of(settings.args().split(" ")));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new World(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public String simUrl() {
        return simUrl;
    }

    public String cdnUrl() {
        return cdnUrl;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Sends one command and returns its one-line answer. Commands are pipelined: many threads may wait
     * at once (answers come back in order), so the benchmark never makes sessions start one by one.
     */
    public String command(String line) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        try {
            synchronized (in) {
                pending.add(answer);
                in.write(line);
                in.write('\n');
                in.flush();
            }
            String a = answer.get(60, TimeUnit.SECONDS);
            if (a.startsWith("error")) {
                throw new IllegalStateException("simulator: " + a);
            }
            return a;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("simulator did not answer " + line, e);
        }
    }

    private void readAnswers() {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("upload ")) {
                    uploadLines.add(line);
                    continue;
                }
                CompletableFuture<String> next = pending.poll();
                if (next != null) {
                    next.complete(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        CompletableFuture<String> next;
        while ((next = pending.poll()) != null) {
            next.completeExceptionally(new IOException("the simulator process ended"));
        }
    }

    /** The answer's {@code key=value} pairs. */
    public Map<String, Long> stats() {
        Map<String, Long> m = new HashMap<>();
        for (String kv : command("stats").substring(6).split(" ")) {
            String[] p = kv.split("=");
            m.put(p[0], Long.parseLong(p[1]));
        }
        return m;
    }

    /** First emission time of every chunk, by token key. */
    public Map<Long, Long> chunks(Path dir) {
        Path file = dir.resolve("chunks-" + process.pid() + ".bin");
        command("chunks " + file);
        Map<Long, Long> m = new HashMap<>();
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = d.readInt();
            for (int i = 0; i < n; i++) {
                m.put(d.readLong(), d.readLong());
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Every upload received: size, SHA-256, name. */
    public List<String[]> uploads() {
        uploadLines.clear();
        command("uploads");
        List<String[]> list = new ArrayList<>();
        for (String line : uploadLines) {
            list.add(line.substring(7).split(" ", 3));
        }
        return list;
    }

    /** When the simulator received each kind of request, relative to {@code t0}: p50, p99, max in ms. */
    public String arrivals(long t0) {
        return command("arrivals " + t0).substring(9);
    }

    @Override
    public void close() {
        try {
            command("quit");
        } catch (RuntimeException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
