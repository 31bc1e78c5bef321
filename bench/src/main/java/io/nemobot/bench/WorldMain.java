package io.nemobot.bench;

import com.google.gson.JsonObject;
import com.sun.management.OperatingSystemMXBean;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nemobot.simulator.Drafts;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.simulator.UploadRecord;
import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The world outside the bot, in its own JVM so the bot's heap, threads and CPU are measured alone:
 * the Nemo simulator playing every conversation's script, and a fake chat-platform CDN that serves
 * large files generated on the fly. Driven by one-line commands on stdin; answers one line each.
 *
 * <pre>
 * turn SID CONV     queue conversation CONV's stream for session SID      → ok
 * soak SID CONV     queue soak conversation CONV's short stream (SoakPlan) → ok
 * bytext            from now on a chat whose text names its conversation ("(conversation #CONV)") plays
 *                   that conversation's stream (the fleet runs: sessions are made in other processes) → ok
 * now               → now NANOS (System.nanoTime, the same clock as the bot's on Linux)
 * stats             → stats sessions=.. peakStreams=.. chats=.. renders=.. tokens=.. cpuNanos=..
 * chunks FILE       every chunk's first emission (conv, chunk, nanos) to FILE → ok COUNT
 * uploads           → upload SIZE SHA256 NAME ... then end
 * cdn               → cdn BYTES SHA256 (the last file served)
 * quit
 * </pre>
 */
public final class WorldMain {
    private final NemoSimulator sim;
    private final Map<Integer, Turn> turns = new ConcurrentHashMap<>();
    private final Map<Long, Long> emitted = new ConcurrentHashMap<>();
    private final HttpServer cdn;
    private volatile String cdnSha = "-";
    private volatile long cdnBytes;
    private final long seed;

    private WorldMain(Plan.Settings settings) throws IOException {
        this.seed = settings.seed();
        for (Plan.Conv c : Plan.of(settings)) {
            turns.put(c.index(), turn(c.agent(), c.steps()));
        }
        sim = NemoSimulator.start();
        sim.setRenderScript(RenderScript.steps(RenderStep.pending(), RenderStep.processing(25), RenderStep.processing(50),
                RenderStep.processing(75), RenderStep.completed()));
        sim.onChunkEmitted((sessionId, text, nanos) -> record(text, nanos));
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        cdn.setExecutor(Executors.newCachedThreadPool());
        cdn.createContext("/file/", this::serveFile);
        cdn.start();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out)),
                false, StandardCharsets.UTF_8);
        WorldMain world = new WorldMain(Plan.Settings.parse(args, 0));
        out.println("ready " + world.sim.baseUrl() + " http://127.0.0.1:" + world.cdn.getAddress().getPort());
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] a = line.split(" ");
            try {
                switch (a[0]) {
                    case "turn" -> {
                        world.sim.enqueueTurn(a[1], world.turns.get(Integer.parseInt(a[2])));
                        out.println("ok");
                    }
                    case "soak" -> {
                        SoakPlan.Conv c = SoakPlan.conversation(world.seed, Integer.parseInt(a[2]));
                        world.sim.enqueueTurn(a[1], turn(c.agent(), c.steps()));
                        out.println("ok");
                    }
                    case "bytext" -> {
                        world.sim.setTurnChooser(world::turnNamedIn);
                        out.println("ok");
                    }
                    case "now" -> out.println("now " + System.nanoTime());
                    case "stats" -> out.println(world.stats());
                    case "chunks" -> out.println("ok " + world.dumpChunks(Path.of(a[1])));
                    case "uploads" -> {
                        for (UploadRecord u : world.sim.uploads()) {
                            out.println("upload " + u.size() + " " + u.sha256() + " " + u.filename());
                        }
                        out.println("end");
                    }
                    case "cdn" -> out.println("cdn " + world.cdnBytes + " " + world.cdnSha);
                    case "arrivals" -> out.println("arrivals " + world.arrivals(Long.parseLong(a[1])));
                    case "quit" -> {
                        world.sim.close();
                        world.cdn.stop(0);
                        out.println("bye");
                        out.flush();
                        System.exit(0);
                    }
                    default -> out.println("error unknown command " + a[0]);
                }
            } catch (RuntimeException e) {
                out.println("error " + e);
            }
            if (!in.ready()) {
                out.flush(); // answers go out in batches when commands come in bursts
            }
        }
        System.exit(0);
    }

    /** The stream of the conversation a message names, e.g. "… (conversation #17)"; null if it names none. */
    private Turn turnNamedIn(String text) {
        java.util.regex.Matcher m = MARKER.matcher(text);
        return m.find() ? turns.get(Integer.parseInt(m.group(1))) : null;
    }

    private static final java.util.regex.Pattern MARKER = java.util.regex.Pattern.compile("\\(conversation #(\\d+)\\)");

    private String stats() {
        long cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return "stats sessions=" + sim.sessionsCreated() + " peakStreams=" + sim.peakActiveStreams() + " chats="
                + sim.chatMessages().size() + " renders=" + sim.renderIds().size() + " tokens="
                + sim.anonymousTokensIssued() + " cpuNanos=" + cpu;
    }

    private String arrivals(long t0) {
        StringBuilder s = new StringBuilder();
        for (io.nemobot.simulator.Endpoint e : List.of(io.nemobot.simulator.Endpoint.CREATE_SESSION,
                io.nemobot.simulator.Endpoint.STATE, io.nemobot.simulator.Endpoint.CHAT)) {
            long[] ms = sim.requests(e).stream().mapToLong(r -> (r.receivedAtNanos() - t0) / 1_000_000).sorted().toArray();
            if (ms.length == 0) {
                continue;
            }
            s.append(s.length() == 0 ? "" : "; ").append(e.name().toLowerCase(java.util.Locale.ROOT)).append(" p50 ")
                    .append(ms[ms.length / 2]).append(" p99 ").append(ms[Math.max(0, (int) Math.ceil(ms.length * 0.99) - 1)])
                    .append(" max ").append(ms[ms.length - 1]).append(" ms");
        }
        return s.toString();
    }

    /** Keeps the first emission of each chunk token (a whole text repeats tokens already sent). */
    private void record(String text, long nanos) {
        int at = text.indexOf('q');
        int found = 0;
        long key = -1;
        while (at >= 0) {
            long parsed = Tokens.parseAt(text, at);
            if (parsed >= 0) {
                found++;
                key = parsed;
            }
            at = text.indexOf('q', at + 1);
        }
        if (found == 1) {
            emitted.putIfAbsent(key, nanos);
        }
    }

    private int dumpChunks(Path file) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            o.writeInt(emitted.size());
            for (Map.Entry<Long, Long> e : emitted.entrySet()) {
                o.writeLong(e.getKey());
                o.writeLong(e.getValue());
            }
        }
        return emitted.size();
    }

    private static Turn turn(boolean agent, List<Plan.Step> steps) {
        Turn t = agent ? Turn.agent() : Turn.typed();
        for (Plan.Step s : steps) {
            if (s instanceof Plan.Pause p) {
                t = t.pause(Duration.ofMillis(p.millis()));
            } else if (s instanceof Plan.Chunk ch) {
                t = t.text(ch.text());
            } else if (s instanceof Plan.Whole w) {
                t = t.finalText(w.text());
            } else if (s instanceof Plan.Heartbeat) {
                t = t.heartbeat();
            } else if (s instanceof Plan.ToolCall tc) {
                t = t.toolCall(tc.name());
            } else if (s instanceof Plan.ToolResult tr) {
                t = t.toolResult(tr.name());
            } else if (s instanceof Plan.Cut) {
                t = t.cut();
            } else if (s instanceof Plan.Draft d) {
                JsonObject draft = d.video()
                        ? Drafts.withMusic(Drafts.withVideo(Drafts.empty(), d.label(), 0, 10_000), "Lo-fi", 0.35, 0, 10_000)
                        : Drafts.withTitle(Drafts.empty(), d.label(), 0, 3_000);
                t = t.setDraft(draft);
            }
        }
        return t;
    }

    /** {@code GET /file/<bytes>/<name>}: that many bytes, an MP4 {@code ftyp} box first, generated as sent. */
    private void serveFile(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            long size = Long.parseLong(parts[2]);
            exchange.getResponseHeaders().set("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, size);
            MessageDigest sha = sha256();
            byte[] buf = new byte[64 * 1024];
            long x = 0x9E3779B97F4A7C15L;
            long sent = 0;
            try (OutputStream body = exchange.getResponseBody()) {
                boolean first = true;
                while (sent < size) {
                    for (int i = 0; i < buf.length; i += 8) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                        for (int j = 0; j < 8; j++) {
                            buf[i + j] = (byte) (x >>> (8 * j));
                        }
                    }
                    if (first) {
                        byte[] head = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
                            'i', 's', 'o', 'm', 'i', 's', 'o', '2', 'a', 'v', 'c', '1', 'm', 'p', '4', '1'};
                        System.arraycopy(head, 0, buf, 0, head.length);
                        first = false;
                    }
                    int n = (int) Math.min(buf.length, size - sent);
                    body.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    sent += n;
                }
            }
            cdnBytes = sent;
            cdnSha = HexFormat.of().formatHex(sha.digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
