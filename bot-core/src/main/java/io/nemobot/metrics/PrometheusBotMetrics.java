package io.nemobot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * {@link BotMetrics} on Micrometer's Prometheus registry, with the JVM's own meters (memory, GC,
 * threads, class loading, CPU, uptime, file descriptors). Latencies are histograms with fixed buckets
 * chosen per metric (a handful each, so a label combination costs about a dozen series). Gauges are
 * registered once, at construction, and read whatever supplier was set last (0 until then).
 */
public final class PrometheusBotMetrics implements BotMetrics, AutoCloseable {
    /** The Prometheus text exposition format {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Distinct values kept per label before new ones are counted as {@code other}. */
    static final int MAX_LABEL_VALUES = 24;
    /**
     * JVM meters left out because Prometheus' own linter ({@code promtool check metrics}) rejects their
     * names ({@code process_cpu_time_ns_total}: an abbreviated unit; {@code system_cpu_count}: a gauge
     * ending in {@code _count}); {@code process_cpu_usage} and {@code system_cpu_usage} remain.
     */
    private static final Set<String> LEFT_OUT = Set.of("process.cpu.time", "system.cpu.count");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final LabelValues intents = new LabelValues(MAX_LABEL_VALUES);
    private final LabelValues reasons = new LabelValues(MAX_LABEL_VALUES);
    private final LabelValues endpoints = new LabelValues(MAX_LABEL_VALUES);
    private final LabelValues platforms = new LabelValues(MAX_LABEL_VALUES);
    private final LabelValues methods = new LabelValues(MAX_LABEL_VALUES);
    private final AtomicReference<IntSupplier> live = new AtomicReference<>(() -> 0);
    private final AtomicReference<IntSupplier> renders = new AtomicReference<>(() -> 0);
    private final AtomicReference<BooleanSupplier> ready = new AtomicReference<>(() -> false);
    private volatile double credits = Double.NaN;

    private final MeterCache<Counter> turns;
    private final MeterCache<Timer> turnDuration;
    private final Timer firstText;
    private final MeterCache<Timer> backend;
    private final MeterCache<Timer> platform;
    private final MeterCache<Timer> chunkLag;
    private final MeterCache<Timer> render;
    private final Counter uploadBytes;
    private final Timer storeWrite;

    public PrometheusBotMetrics() {
        registry.config().meterFilter(MeterFilter.deny(id -> LEFT_OUT.contains(id.getName())));
        turns = new MeterCache<>(Counter.builder("nemo.turns").description("Turns ended, by intent, outcome and reason")
                .withRegistry(registry), "intent", "outcome", "reason");
        Meter.MeterProvider<Timer> turnDurations = Timer.builder("nemo.turn.duration").description("Turn duration, from the message to the last word")
                .serviceLevelObjectives(seconds(1, 2, 5, 10, 30, 60, 120, 300, 600, 900)).withRegistry(registry);
        turnDuration = new MeterCache<>(turnDurations, "intent");
        firstText = Timer.builder("nemo.turn.first.text").description("Time from a chat message to the first reply text shown")
                .serviceLevelObjectives(seconds(0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60)).register(registry);
        backend = new MeterCache<>(Timer.builder("nemo.backend.request.duration").description("Backend calls, by endpoint and outcome")
                .serviceLevelObjectives(seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)).withRegistry(registry),
                "endpoint", "outcome");
        platform = new MeterCache<>(Timer.builder("nemo.platform.request.duration")
                .description("Chat platform calls, by platform, method and outcome (429s as rate_limited)")
                .serviceLevelObjectives(seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)).withRegistry(registry),
                "platform", "method", "outcome");
        chunkLag = new MeterCache<>(Timer.builder("nemo.chunk.lag").description("Delay from backend text arriving to it reaching the platform")
                .serviceLevelObjectives(seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30)).withRegistry(registry), "platform");
        render = new MeterCache<>(Timer.builder("nemo.render.duration").description("Renders ended, by outcome, with their duration")
                .serviceLevelObjectives(seconds(10, 30, 60, 120, 180, 300, 600, 900)).withRegistry(registry), "outcome");
        uploadBytes = Counter.builder("nemo.upload").baseUnit("bytes").description("Bytes uploaded to the backend")
                .register(registry);
        storeWrite = Timer.builder("nemo.store.write.duration").description("Durable store writes")
                .serviceLevelObjectives(seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1))
                .register(registry);
        Gauge.builder("nemo.conversations.live", live, s -> s.get().getAsInt())
                .description("Conversations with a turn in progress or queued").strongReference(true).register(registry);
        Gauge.builder("nemo.renders.in.flight", renders, s -> s.get().getAsInt())
                .description("Renders submitted and not yet ended").strongReference(true).register(registry);
        Gauge.builder("nemo.ready", ready, s -> s.get().getAsBoolean() ? 1 : 0)
                .description("1 when /readyz answers 200, else 0").strongReference(true).register(registry);
        Gauge.builder("nemo.credits.available", this, m -> m.credits)
                .description("The account's available credits, as last polled").strongReference(true).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Everything, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void turnEnded(String intent, TurnOutcome outcome, String reason, Duration duration) {
        if (outcome == null) {
            return;
        }
        String i = intents.of(intent);
        turns.get(i, outcome.label(), reasons.of(reason)).increment();
        if (outcome != TurnOutcome.REFUSED && duration != null) {
            turnDuration.get(i).record(duration);
        }
    }

    @Override
    public void firstText(Duration sinceMessage) {
        if (sinceMessage != null) {
            firstText.record(sinceMessage);
        }
    }

    @Override
    public void backendCall(String endpoint, CallOutcome outcome, Duration latency) {
        if (outcome != null && latency != null) {
            backend.get(endpoints.of(endpoint), outcome.label()).record(latency);
        }
    }

    @Override
    public void platformCall(String platformName, String method, CallOutcome outcome, Duration latency) {
        if (outcome != null && latency != null) {
            platform.get(platforms.of(platformName), methods.of(method), outcome.label()).record(latency);
        }
    }

    @Override
    public void chunkLag(String platformName, Duration lag) {
        if (lag != null) {
            chunkLag.get(platforms.of(platformName)).record(lag);
        }
    }

    @Override
    public void render(RenderOutcome outcome, Duration duration) {
        if (outcome != null && duration != null) {
            render.get(outcome.label()).record(duration);
        }
    }

    @Override
    public void uploadBytes(long bytes) {
        if (bytes > 0) {
            uploadBytes.increment(bytes);
        }
    }

    @Override
    public void storeWrite(Duration latency) {
        if (latency != null) {
            storeWrite.record(latency);
        }
    }

    @Override
    public void creditsAvailable(long available) {
        credits = available;
    }

    @Override
    public void conversationsLive(IntSupplier value) {
        live.set(value == null ? () -> 0 : value);
    }

    @Override
    public void rendersInFlight(IntSupplier value) {
        renders.set(value == null ? () -> 0 : value);
    }

    @Override
    public void ready(BooleanSupplier value) {
        ready.set(value == null ? () -> false : value);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static Duration[] seconds(double... bounds) {
        Duration[] out = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
        }
        return out;
    }
}
