package io.nemobot.bench;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A large file dropped in a thread: the chat platform's download URL (a loopback server generating
 * the bytes, an MP4 header first) is opened by the attachment's ByteSource, and the core streams it
 * to the simulator. Measures the bot's heap during the upload and checks the simulator received
 * exactly the bytes served.
 */
public final class UploadRun {
    /** What the upload measured. */
    public record Result(long bytes, double seconds, long baselineHeap, long peakHeap, long peakHeapAfterGc,
            long peakOldGen, long peakRss, long gcCount, long cpuNanos, boolean shaMatches, long receivedBytes,
            String reply) {
        public double megabytesPerSecond() {
            return bytes / 1048576.0 / seconds;
        }

        public long heapIncrease() {
            return peakHeap - baselineHeap;
        }
    }

    private final BenchMain.Options options;

    public UploadRun(BenchMain.Options options) {
        this.options = options;
    }

    public Result run(long bytes) throws Exception {
        Plan.Settings settings = new Plan.Settings(options.seed(), options.quick(), 0, options.slackPerWorkspace(),
                options.renderPollMs(), options.thinkMs());
        System.err.printf("[bench] upload of %d MB%n", bytes >> 20);
        try (World world = World.start(settings, options.logFile())) {
            BenchPlatform platform = new BenchPlatform(Rules.discord(), BenchPlatform.Mode.ENFORCE, options.latencyMs());
            CompletableFuture<BenchPlatform.Call> reply = new CompletableFuture<>();
            platform.listen(c -> {
                if (c.kind().equals("post") && (c.text().contains("📎") || c.text().contains("🚫") || c.text().contains("❌"))) {
                    reply.complete(c);
                }
            });
            Map<String, String> s = new java.util.HashMap<>();
            s.put("NEMO_API_BASE", world.simUrl());
            s.put("NEMO_BOT_DATA", options.workDir().resolve("data").toString());
            s.put("NEMO_BOT_CONFIG", "does-not-exist");
            OkHttpClient downloads = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
            try (BotCore core = BotCore.builder().settings(Settings.of(s)).store(new io.nemobot.store.MemoryStore()).build()) {
                core.register(platform);
                core.start();
                String url = world.cdnUrl() + "/file/" + bytes + "/clip.mp4";
                Attachment file = new Attachment("clip.mp4", bytes, "video/mp4", () -> open(downloads, url));
                ThreadKey thread = new ThreadKey("discord", "G1", "C0", "upload");
                ProcessStats stats = new ProcessStats(50);
                stats.start();
                long t0 = System.nanoTime();
                core.conversations().accept(new IncomingMessage(thread, Author.human("u-up", "Uploader"), "",
                        List.of(file), Optional.empty(), "e-upload", Instant.now()), platform.thread(thread));
                BenchPlatform.Call answer = reply.get(10, TimeUnit.MINUTES);
                double seconds = (answer.atNanos() - t0) / 1e9;
                ProcessStats.Snapshot snap = stats.stop();
                String[] cdn = world.command("cdn").split(" ");
                List<String[]> uploads = world.uploads();
                String[] last = uploads.isEmpty() ? new String[] {"0", "-", "-"} : uploads.get(uploads.size() - 1);
                boolean match = Long.parseLong(cdn[1]) == bytes && cdn[2].equals(last[1]) && Long.parseLong(last[0]) == bytes;
                return new Result(bytes, seconds, snap.baselineHeap(), snap.peakHeap(), snap.peakHeapAfterGc(),
                        snap.peakOldGen(), snap.peakRss(), snap.gcCount(), snap.cpuNanos(), match, Long.parseLong(last[0]),
                        answer.text());
            } finally {
                downloads.dispatcher().executorService().shutdown();
                downloads.connectionPool().evictAll();
            }
        }
    }

    private static java.io.InputStream open(OkHttpClient client, String url) throws IOException {
        Response response = client.newCall(new Request.Builder().url(url).build()).execute();
        if (!response.isSuccessful()) {
            response.close();
            throw new IOException("download refused: HTTP " + response.code());
        }
        return response.body().byteStream();
    }
}
