package io.nemobot.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP server on loopback: binding, its thread pool, stopping. Kept apart from
 * {@link NemoSimulator} so the facade holds only what tests script and read.
 */
final class SimServer {
    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
    private static final int BACKLOG = 4096;

    static {
        // The JDK server reads this once; unset it leaves Nagle on and delays small SSE writes.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;

    private SimServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Binds this port of 127.0.0.1 (0 for a free one); nothing is served until {@link #serve}. */
    static SimServer bind(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
            server.setExecutor(executor);
            return new SimServer(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Nemo simulator on port " + port, e);
        }
    }

    void serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
        LOG.info("Nemo simulator listening on {}", baseUrl);
    }

    String baseUrl() {
        return baseUrl;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("Nemo simulator on {} stopped", baseUrl);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "nemo-sim-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
