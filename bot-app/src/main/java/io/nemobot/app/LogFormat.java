package io.nemobot.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Switches Logback between the two formats of {@code NEMO_LOG_FORMAT}: {@code text} ({@code logback.xml},
 * Logback's default pick) and {@code json} ({@code logback-json.xml}: one JSON object per line, by
 * Logback's own {@code JsonEncoder}). Chosen in code rather than in the XML so that the setting may
 * also come from {@code config/nemo-bot.properties}, which Logback does not read. Logback's encoder
 * rather than logstash-logback-encoder: no extra dependency (that one brings Jackson), and the fields
 * it writes (level, logger, thread, MDC, message, throwable) are all a collector needs.
 */
final class LogFormat {
    private static final String KEY = "nemo.log.format";

    private LogFormat() {
    }

    /** Reconfigures logging for the format ({@code text} or {@code json}); does nothing when it is in use already. */
    static void apply(String format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another SLF4J backend: its own configuration rules
        }
        String current = context.getProperty(KEY) == null ? "text" : context.getProperty(KEY);
        if (current.equals(format)) {
            return;
        }
        URL config = LogFormat.class.getResource(format.equals("json") ? "/logback-json.xml" : "/logback.xml");
        if (config == null) {
            throw new IllegalStateException("no logging configuration for format " + format);
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure " + format + " logs: " + e.getMessage(), e);
        }
        context.putProperty(KEY, format);
    }
}
