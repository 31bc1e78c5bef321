package io.nemobot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The operator-facing settings: where the ops endpoints listen ({@code NEMO_METRICS_PORT}; unset or
 * empty: no endpoints), how logs are written ({@code NEMO_LOG_FORMAT}: {@code text} or
 * {@code json}) and how long a stop lets live turns end ({@code NEMO_SHUTDOWN_GRACE}). Validated like
 * the rest: {@link #problems} names the variable to set.
 */
public record OpsSettings(OptionalInt metricsPort, String logFormat, Duration shutdownGrace) {
    public static final String METRICS_PORT = "NEMO_METRICS_PORT";
    public static final String LOG_FORMAT = "NEMO_LOG_FORMAT";
    public static final String SHUTDOWN_GRACE = "NEMO_SHUTDOWN_GRACE";
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** Prometheus' conventional port for a Java exporter, suggested in problems and docs. */
    public static final int CONVENTIONAL_PORT = 9464;
    private static final Set<String> FORMATS = Set.of("text", "json");

    public OpsSettings {
        if (metricsPort == null) {
            throw new IllegalArgumentException("metricsPort is null (use OptionalInt.empty())");
        }
        if (metricsPort.isPresent() && (metricsPort.getAsInt() < 1 || metricsPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("metricsPort must be 1-65535, got " + metricsPort.getAsInt());
        }
        if (logFormat == null || !FORMATS.contains(logFormat)) {
            throw new IllegalArgumentException("logFormat must be text or json, got " + logFormat);
        }
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must be zero or more, got " + shutdownGrace);
        }
    }

    /** With the default shutdown grace. */
    public OpsSettings(OptionalInt metricsPort, String logFormat) {
        this(metricsPort, logFormat, DEFAULT_GRACE);
    }

    /** The settings; throws {@link ConfigException} listing every problem. */
    public static OpsSettings from(Settings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        OptionalInt port = settings.get(METRICS_PORT).map(p -> OptionalInt.of(Integer.parseInt(p.strip())))
                .orElse(OptionalInt.empty());
        return new OpsSettings(port, format(settings), Settings.parseDuration(settings.get(SHUTDOWN_GRACE, "30s").strip()));
    }

    /** Every problem, each naming the variable; empty when all is well. */
    public static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>();
        settings.get(METRICS_PORT).ifPresent(raw -> {
            try {
                int port = Integer.parseInt(raw.strip());
                if (port < 1 || port > 65535) {
                    problems.add(METRICS_PORT + ": must be a port from 1 to 65535 (e.g. " + CONVENTIONAL_PORT
                            + "), got " + port);
                }
            } catch (NumberFormatException e) {
                problems.add(METRICS_PORT + ": expected a port number like " + CONVENTIONAL_PORT + ", got '" + raw
                        + "' (leave it empty to turn the ops endpoints off)");
            }
        });
        String format = format(settings);
        if (!FORMATS.contains(format)) {
            problems.add(LOG_FORMAT + ": must be text or json, got '" + format + "'");
        }
        String grace = settings.get(SHUTDOWN_GRACE, "30s").strip();
        try {
            if (Settings.parseDuration(grace).isNegative()) {
                problems.add(SHUTDOWN_GRACE + ": must not be negative, got '" + grace + "'");
            }
        } catch (RuntimeException e) {
            problems.add(SHUTDOWN_GRACE + ": expected a duration like 30s or 2m, got '" + grace + "'");
        }
        return problems;
    }

    private static String format(Settings settings) {
        return settings.get(LOG_FORMAT, "text").strip().toLowerCase(Locale.ROOT);
    }
}
