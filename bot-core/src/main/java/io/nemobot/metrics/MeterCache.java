package io.nemobot.metrics;

import io.micrometer.core.instrument.Meter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one name, one per combination of label values, looked up once: asking Micrometer for
 * a meter by tags builds and registers an id on every call, and some meters are recorded on every
 * chunk of text and every platform call. The values are few ({@link LabelValues} bounds each label),
 * so the cache is too.
 */
final class MeterCache<M extends Meter> {
    private final Meter.MeterProvider<M> provider;
    private final String[] keys;
    private final Map<String, M> byValues = new ConcurrentHashMap<>();

    /** {@code keys}: the label names, in the order {@link #get} is given their values. */
    MeterCache(Meter.MeterProvider<M> provider, String... keys) {
        this.provider = provider;
        this.keys = keys.clone();
    }

    M get(String... values) {
        if (values.length != keys.length) {
            throw new IllegalArgumentException("expected " + keys.length + " label values, got " + values.length);
        }
        String key = values.length == 1 ? values[0] : String.join("\u0000", values);
        M meter = byValues.get(key);
        if (meter == null) {
            String[] tags = new String[keys.length * 2];
            for (int i = 0; i < keys.length; i++) {
                tags[2 * i] = keys[i];
                tags[2 * i + 1] = values[i];
            }
            meter = byValues.computeIfAbsent(key, k -> provider.withTags(tags));
        }
        return meter;
    }
}
