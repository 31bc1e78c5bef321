package io.nemobot.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fleet runs' chat platforms in one place: the {@link BenchPlatform}s (rules, messages, counts)
 * stay in the driver, and every bot process's calls reach them here over loopback HTTP, so a budget is
 * counted across all processes at the moment each call arrives, exactly as in the one-process runs.
 * The call's latency is the platform's own (it sleeps before answering), as there.
 *
 * <p>{@code POST /call}, a UTF-8 body of six lines and the text: platform, kind, method (or {@code -}),
 * thread key, message id (or {@code -}), {@code 1} with content (else a status call, {@code 0}), then the
 * text. Answer: {@code ok ID} ({@code -} for a status call), or {@code refused KIND RETRY_MS MESSAGE}
 * ({@code -} for no retry time); see {@link RemotePlatform}.
 */
final class PlatformServer implements AutoCloseable {
    private final Map<String, BenchPlatform> platforms;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-platform-http");
        t.setDaemon(true);
        return t;
    });

    PlatformServer(Map<String, BenchPlatform> platforms) {
        this.platforms = Map.copyOf(platforms);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/call", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/call";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            try {
                answer = answer(body);
            } catch (RuntimeException e) {
                answer = "refused OTHER - " + e;
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }

    private String answer(String body) {
        String[] f = body.split("\n", 7);
        BenchPlatform platform = platforms.get(f[0]);
        if (platform == null) {
            throw new IllegalArgumentException("no platform " + f[0]);
        }
        String method = f[2].equals("-") ? null : f[2];
        String messageId = f[4].equals("-") ? null : f[4];
        OutgoingMessage content = f[5].equals("1") ? OutgoingMessage.of(f[6]) : null;
        try {
            String id = platform.call(f[1], method, ThreadKey.parse(f[3]), messageId, content);
            return "ok " + (id == null ? "-" : id);
        } catch (ChatPlatformException e) {
            return "refused " + e.kind() + " " + e.retryAfter().map(d -> String.valueOf(d.toMillis())).orElse("-") + " "
                    + e.getMessage();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
