package io.nemobot.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoints, on the JDK's own server (no extra dependency): {@code GET /metrics}
 * (the Prometheus scrape), {@code /healthz} (200 while the process runs) and {@code /readyz} (200, or
 * 503 with one plain-text reason per line). Nothing else: other paths are 404, other methods 405.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Supplier<String> metrics;
    private final String metricsType;
    private final Readiness readiness;

    private OpsServer(HttpServer server, ExecutorService threads, Supplier<String> metrics, String metricsType,
                      Readiness readiness) {
        this.server = server;
        this.threads = threads;
        this.metrics = metrics;
        this.metricsType = metricsType;
        this.readiness = readiness;
    }

    /**
     * Binds and starts serving.
     *
     * @param metrics     the scrape, in the format {@code metricsType} names
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public static OpsServer start(InetSocketAddress address, Supplier<String> metrics, String metricsType,
                                  Readiness readiness) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + address.getPort() + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "nemo-ops-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        OpsServer ops = new OpsServer(server, threads, metrics, metricsType, readiness);
        server.setExecutor(threads);
        server.createContext("/", ops::handle);
        server.start();
        LOG.info("Ops endpoints on port {}: /metrics, /healthz, /readyz", ops.port());
        return ops;
    }

    /** The port bound (useful when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, "GET or HEAD only\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> send(exchange, 200, metricsType, metrics.get());
                case "/healthz" -> send(exchange, 200, TEXT, "ok\n");
                case "/readyz" -> {
                    Verdict verdict = readiness.check();
                    send(exchange, verdict.ready() ? 200 : 503, TEXT,
                            verdict.ready() ? "ready\n" : String.join("\n", verdict.problems()) + "\n");
                }
                default -> send(exchange, 404, TEXT, "not found: /metrics, /healthz or /readyz\n");
            }
        } catch (RuntimeException e) {
            // Computing the answer failed before anything was sent: say so with a status, not a dropped connection.
            LOG.warn("Ops endpoint {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
            send(exchange, 500, TEXT, "internal error\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops at once (a scrape in progress is cut) and frees the port. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
