package io.nemobot.slack.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages this process is writing with native streaming, and what it last showed in each message.
 * A message absent here (never streamed, finished, or the process restarted) is edited with
 * {@code chat.update}. Entries expire well after Slack would have closed their stream, so a turn the core
 * abandoned leaks nothing.
 *
 * <p>Native streams can only grow. When the replies of this process keep rewriting their text (a
 * placeholder replaced, a progress line under the text), every stream ends early and costs two Tier 2
 * calls for nothing; after {@value #REWRITES_BEFORE_GIVING_UP} such streams in a row, streaming is
 * switched off for the process.
 */
final class LiveStreams {
    static final int REWRITES_BEFORE_GIVING_UP = 3;
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, LiveStream> open;
    private final Cache<String, Integer> shown;
    private final AtomicReference<String> disabledBecause = new AtomicReference<>();
    private final AtomicInteger rewritesInARow = new AtomicInteger();

    LiveStreams(Clock clock, Duration lifetime, boolean enabled) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.open = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(lifetime.multipliedBy(3))
                .maximumSize(10_000)
                .build();
        this.shown = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(Duration.ofHours(1))
                .maximumSize(20_000)
                .build();
        if (!enabled) {
            disabledBecause.set("switched off");
        }
    }

    boolean enabled() {
        return disabledBecause.get() == null;
    }

    /** Stops trying native streaming in this process. */
    void disable(String reason) {
        if (disabledBecause.compareAndSet(null, reason)) {
            log.info("Slack native streaming is off ({}): replies are posted and edited with chat.update", reason);
        }
    }

    Instant now() {
        return clock.instant();
    }

    LiveStream opened(String workspace, String channel, String ts, String text) {
        LiveStream stream = new LiveStream(workspace, channel, ts, text, clock.instant());
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

    /** Open streams nobody wrote to for {@code idle}. */
    List<LiveStream> idle(Duration idle) {
        Instant now = clock.instant();
        return open.asMap().values().stream().filter(s -> s.idleFor(idle, now)).toList();
    }

    /** A stream had to end because its text was rewritten rather than extended. */
    void rewritten() {
        if (rewritesInARow.incrementAndGet() >= REWRITES_BEFORE_GIVING_UP) {
            disable("the last " + REWRITES_BEFORE_GIVING_UP + " replies rewrote their text, which a stream cannot do");
        }
    }

    /** A stream was written to its end by appending only. */
    void completed() {
        rewritesInARow.set(0);
    }

    /** Remembers what a message shows now. */
    void showing(String channel, String ts, OutgoingMessage content) {
        shown.put(key(channel, ts), content.hashCode());
    }

    /** Whether the message is known to show exactly this already. */
    boolean shows(String channel, String ts, OutgoingMessage content) {
        Integer hash = shown.getIfPresent(key(channel, ts));
        return hash != null && hash == content.hashCode();
    }

    private static String key(String channel, String ts) {
        return channel + "/" + ts;
    }
}
