package io.nemobot.slack.transport;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode: the JDK's HTTP server takes Slack's POSTs on one path (events, slash commands and
 * interactivity alike) and runs them through Bolt's transport-free {@link App#run}. Bolt refuses an
 * unsigned, wrongly signed or stale request with 401 before any handler sees it.
 */
public final class HttpTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    /** Slack's payloads are small; anything larger is not Slack. */
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final int THREADS = 4;

    private final App app;
    private final int port;
    private final String path;
    private HttpServer server;
    private ExecutorService threads;

    public HttpTransport(App app, int port, String path) {
        this.app = app;
        this.port = port;
        this.path = path;
    }

    @Override
    public synchronized void start() throws IOException {
        app.start();
        SlackRequestParser parser = new SlackRequestParser(app.config());
        server = HttpServer.create(new InetSocketAddress(port), 0);
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "slack-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(path, exchange -> handle(exchange, parser));
        server.start();
        log.info("Slack HTTP mode: listening on port {} at {}", port(), path);
    }

    /** The port actually bound (useful when configured as 0). */
    public synchronized int port() {
        return server == null ? port : server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, SlackRequestParser parser) throws IOException {
        try (exchange) {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                send(exchange, Response.json(405, "{\"error\":\"POST only\"}"));
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, Response.json(404, "{\"error\":\"not found\"}"));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, Response.json(413, "{\"error\":\"too large\"}"));
                return;
            }
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(query(exchange))
                    .headers(new RequestHeaders(exchange.getRequestHeaders()))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            if (request == null) {
                send(exchange, Response.json(400, "{\"error\":\"not a Slack request\"}"));
                return;
            }
            send(exchange, app.run(request));
        } catch (Exception e) {
            log.warn("Slack request failed: {}", e.toString(), e);
            try {
                send(exchange, Response.json(500, "{\"error\":\"internal error\"}"));
            } catch (IOException | RuntimeException failed) {
                // the response had already started: the exchange is closed regardless
                log.debug("Could not send the 500", failed);
            }
        }
    }

    private static Map<String, List<String>> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> parsed = raw == null ? null : QueryStringParser.toMap(raw);
        return parsed == null ? new HashMap<>() : parsed;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        }
        if (response.getContentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.getContentType());
        }
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (threads != null) {
            threads.shutdownNow();
            threads = null;
        }
        app.stop();
    }
}
