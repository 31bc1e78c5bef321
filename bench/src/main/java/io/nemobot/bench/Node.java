package io.nemobot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's handle on one bot process of a fleet run ({@link NodeMain}): starts it, hands it user
 * messages (without waiting for each answer, so 1,000 first messages go out as fast as to one core),
 * follows its CPU from {@code /proc}, and kills it with SIGKILL when a run says so.
 */
final class Node implements AutoCloseable {
    /** Extra JVM options for every node ({@code -Dbench.nodeJvmArgs}, e.g. a JFR recording or a profiler agent). */
    static final String JVM_ARGS = System.getProperty("bench.nodeJvmArgs", "");

    /** The share of each platform budget a process paced itself by, from {@code at} ({@code System.nanoTime}). */
    record ShareChange(long at, double share) {
    }

    private final String id;
    private final Process process;
    private final Path log;
    private final Writer in;
    private final BufferedReader out;
    private final AtomicInteger said = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final AtomicLong peakRss = new AtomicLong();
    private volatile boolean killed;
    private final List<ShareChange> shares = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Messages handed over and not acknowledged yet ("conv n" → text): what a platform would deliver again. */
    private final java.util.Map<String, String> untaken = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.BlockingQueue<String> busyAnswers = new java.util.concurrent.LinkedBlockingQueue<>();

    private Node(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the process, its log (stderr) to {@code log}; {@link #awaitReady()} waits for its core. */
    static Node start(String id, List<String> args, Path log) {
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            String cp = Path.of(Node.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            Files.deleteIfExists(log);
            Process p = new ProcessBuilder(NodeMain.command(java, cp, JVM_ARGS, args))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new Node(id, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the core's start (its store migrated, its fleet joined), then reads answers in the background. */
    void awaitReady() {
        try {
            String line = out.readLine();
            for (int skipped = 0; line != null && !line.startsWith("ready ") && skipped < 20; skipped++) {
                line = out.readLine();
            }
            if (line == null || !line.startsWith("ready ")) {
                process.destroyForcibly();
                throw new IllegalStateException("bot process " + id + " did not start: " + line + " (see " + log + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread reader = new Thread(this::readAnswers, "bench-node-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    String id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return !killed && process.isAlive();
    }

    /** Hands conversation {@code conv}'s {@code n}-th message to this process's core; false if it is gone. */
    synchronized boolean say(int conv, int n, String text) {
        if (!alive()) {
            return false;
        }
        try {
            untaken.put(conv + " " + n, text);
            in.write("say " + conv + " " + n + " " + text.replace('\n', ' ') + "\n");
            in.flush();
            said.incrementAndGet();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts {@code k} warm-up conversations in this process (see NodeMain's {@code warm}). */
    synchronized void warm(int k) {
        try {
            in.write("warm " + k + "\n");
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Threads with work running or queued in this process's core now. */
    int busy() {
        synchronized (this) {
            try {
                in.write("busy\n");
                in.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            String answer = busyAnswers.poll(30, TimeUnit.SECONDS);
            if (answer == null) {
                throw new IllegalStateException("bot process " + id + " did not answer");
            }
            return Integer.parseInt(answer.substring(5).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Messages handed to this process. */
    int said() {
        return said.get();
    }

    /** Messages its core refused to take (an exception in {@code accept}). */
    int errors() {
        return errors.get();
    }

    /** Reads the process's CPU now (kept: after a kill, the last reading before it). */
    void sampleCpu() {
        if (alive()) {
            long now = ProcessStats.procCpu(process.pid());
            if (now > 0) {
                cpuNanos.set(now);
            }
            peakRss.accumulateAndGet(hwm(process.pid()), Math::max);
        }
    }

    long cpuNanos() {
        return cpuNanos.get();
    }

    /** The process's peak resident memory (VmHWM) at the last reading, in bytes. */
    long peakRss() {
        return peakRss.get();
    }

    private static long hwm(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return 0;
    }

    /** {@code kill -9}: the process ends at once, leases, open turns and renders left as they are. */
    void kill() {
        sampleCpu();
        killed = true;
        process.destroyForcibly(); // SIGKILL on Linux
    }

    /** A message handed over that the process never acknowledged (it died first). */
    record Untaken(int conv, int n, String text) {
    }

    /** The messages handed over that this process never acknowledged (after a kill: the ones it lost). */
    List<Untaken> untaken() {
        return untaken.entrySet().stream().map(e -> {
            String[] f = e.getKey().split(" ");
            return new Untaken(Integer.parseInt(f[0]), Integer.parseInt(f[1]), e.getValue());
        }).toList();
    }

    boolean killed() {
        return killed;
    }

    /** The share this process paces itself by now (as last reported); 0 before its first report. */
    double share() {
        List<ShareChange> all = shares;
        return all.isEmpty() ? 0 : all.get(all.size() - 1).share();
    }

    /** Every share this process paced itself by, in order (the first one when its core started). */
    List<ShareChange> shares() {
        return List.copyOf(shares);
    }

    private void readAnswers() {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("took ")) {
                    untaken.remove(line.substring(5).strip());
                } else if (line.startsWith("busy ")) {
                    busyAnswers.add(line);
                } else if (line.startsWith("share ")) {
                    String[] f = line.split(" ");
                    shares.add(new ShareChange(Long.parseLong(f[2]), Double.parseDouble(f[1])));
                } else if (line.startsWith("error")) {
                    errors.incrementAndGet();
                    System.err.println("[bench] bot process " + id + ": " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() {
        if (alive()) {
            sampleCpu();
            synchronized (this) {
                try {
                    in.write("quit\n");
                    in.flush();
                } catch (IOException e) {
                    // already gone
                }
            }
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
