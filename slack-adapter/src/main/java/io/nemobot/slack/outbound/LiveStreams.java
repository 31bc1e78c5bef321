package io.nemobot.slack.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages this process is writing with native streaming. A message absent here (never streamed,
 * finished, or the process restarted) is edited with {@code chat.update}. Entries expire well after
 * Slack would have closed their stream, so a turn the core abandoned leaks nothing.
 */
final class LiveStreams {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, LiveStream> open;
    private final AtomicReference<String> disabledBecause = new AtomicReference<>();

    LiveStreams(Clock clock, Duration lifetime, boolean enabled) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.open = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(lifetime.multipliedBy(3))
                .maximumSize(10_000)
                .build();
        if (!enabled) {
            disabledBecause.set("switched off");
        }
    }

    boolean enabled() {
        return disabledBecause.get() == null;
    }

    /** Stops trying native streaming in this process (the workspace or token does not offer it). */
    void disable(String reason) {
        if (disabledBecause.compareAndSet(null, reason)) {
            log.info("Slack native streaming is not available ({}): replies are edited with chat.update", reason);
        }
    }

    LiveStream opened(String channel, String ts, String text) {
        LiveStream stream = new LiveStream(channel, ts, text, clock.instant());
        open.put(key(channel, ts), stream);
        return stream;
    }

    Optional<LiveStream> find(String channel, String ts) {
        return Optional.ofNullable(open.getIfPresent(key(channel, ts)));
    }

    void forget(LiveStream stream) {
        stream.closed();
        open.asMap().remove(key(stream.channel(), stream.ts()), stream);
    }

    /** Whether the stream has been used as long as it should be and must move to {@code chat.update}. */
    boolean expired(LiveStream stream) {
        return stream.olderThan(lifetime, clock.instant());
    }

    private static String key(String channel, String ts) {
        return channel + "/" + ts;
    }
}
