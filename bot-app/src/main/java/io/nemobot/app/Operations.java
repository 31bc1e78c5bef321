package io.nemobot.app;

import io.nemobot.config.OpsSettings;
import io.nemobot.core.BotCore;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.PrometheusBotMetrics;
import io.nemobot.ops.CreditsPoller;
import io.nemobot.ops.OpsServer;
import io.nemobot.ops.Readiness;
import io.nemobot.ops.ReadinessCheck;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operator's side of a run, on when {@code NEMO_METRICS_PORT} is set: the metrics registry (made
 * before the core, which reports to it), readiness with its checks (the store answers, each platform
 * is connected, the backend answered a credits poll recently, not draining), the credits poller and
 * the ops HTTP server. Off, it hands the core {@link BotMetrics#NONE} and serves nothing.
 */
final class Operations implements AutoCloseable {
    /** How often credits are polled; also how fresh "the backend answered" must be (three polls). */
    static final Duration CREDITS_POLL = Duration.ofMinutes(1);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final OptionalInt port;
    private final PrometheusBotMetrics metrics;
    private final Readiness readiness = new Readiness(CHECK_TIMEOUT);
    private final Duration pollInterval;
    private final Clock clock;
    private final Supplier<ScheduledExecutorService> timers;
    private ScheduledExecutorService timer;
    private CreditsPoller poller;
    private OpsServer server;

    /** From the operator's settings. */
    Operations(OpsSettings settings) {
        this(settings.metricsPort(), CREDITS_POLL);
    }

    /** @param port where to serve (0: any free port, tests); empty: off */
    Operations(OptionalInt port, Duration pollInterval) {
        this(port, pollInterval, Clock.systemUTC(), Operations::creditsTimer);
    }

    /**
     * On a given time (tests): {@code clock} dates the backend's answers for readiness, and
     * {@code timers} makes the executor the credits poller runs on (asked once, at {@link #start}).
     */
    Operations(OptionalInt port, Duration pollInterval, Clock clock, Supplier<ScheduledExecutorService> timers) {
        this.port = port;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.timers = timers;
        this.metrics = port.isPresent() ? new PrometheusBotMetrics() : null;
    }

    private static ScheduledExecutorService creditsTimer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nemo-credits-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /** What the core reports to. */
    BotMetrics metrics() {
        return metrics == null ? BotMetrics.NONE : metrics;
    }

    /** The checks behind {@code /readyz}; later code adds its own and calls {@link Readiness#drain()} on shutdown. */
    Readiness readiness() {
        return readiness;
    }

    /** A platform that must be connected for the bot to be ready. */
    void requirePlatform(String name, BooleanSupplier connected) {
        readiness.add(name, ReadinessCheck.connected(connected));
    }

    /** Checks the store and the backend of this core, starts polling credits and serving; no-op when off. */
    synchronized void start(BotCore core) {
        if (metrics == null || server != null) {
            return;
        }
        readiness.add("store", ReadinessCheck.answers(() -> core.store().pendingRenders()));
        timer = timers.get();
        var skill = core.config().skills().defaultProfile().headers(core.config().skillPlatform());
        poller = new CreditsPoller(() -> core.nemo().credits(skill).available(), metrics, timer, clock, pollInterval);
        readiness.add("backend", ReadinessCheck.answeredWithin(poller::lastAnswer, clock, pollInterval.multipliedBy(3)));
        metrics.ready(() -> readiness.check().ready());
        server = OpsServer.start(new InetSocketAddress(port.getAsInt()), metrics::scrape,
                PrometheusBotMetrics.CONTENT_TYPE, readiness);
        poller.start();
    }

    /** The port served, or -1 when off (tests). */
    synchronized int port() {
        return server == null ? -1 : server.port();
    }

    @Override
    public synchronized void close() {
        readiness.drain();
        if (server != null) {
            server.close();
        }
        if (poller != null) {
            poller.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        readiness.close();
        if (metrics != null) {
            metrics.close();
        }
    }
}
