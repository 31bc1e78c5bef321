package io.nemobot.slack;

import io.nemobot.chat.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * How the Slack adapter runs, beyond its settings: time and threads come in here so tests drive them.
 *
 * @param clock           the time source (stream ages, click debouncing, received-at stamps)
 * @param executor        where work that must not delay Slack's 3-second ack runs (posting a slash
 *                        command's thread root, greetings, file look-ups); empty: the adapter owns one
 * @param streamLifetime  how long a native stream ({@code chat.startStream}) is used before the message
 *                        continues with {@code chat.update}; Slack closes streams after about 5 minutes
 * @param clickDebounce   a second click on the same button by the same user within this time is ignored
 * @param nativeStreaming whether to try {@code chat.startStream}/{@code appendStream}/{@code stopStream}
 */
public record SlackOptions(Clock clock, Optional<ExecutorService> executor, Duration streamLifetime,
        Duration clickDebounce, boolean nativeStreaming) {
    public static final Duration DEFAULT_STREAM_LIFETIME = Duration.ofMinutes(4);
    public static final Duration DEFAULT_CLICK_DEBOUNCE = Duration.ofSeconds(5);

    public SlackOptions {
        Checks.notNull(clock, "clock");
        executor = executor == null ? Optional.empty() : executor;
        Checks.notNull(streamLifetime, "streamLifetime");
        if (streamLifetime.isNegative() || streamLifetime.isZero()) {
            throw new IllegalArgumentException("streamLifetime must be positive: " + streamLifetime);
        }
        Checks.notNull(clickDebounce, "clickDebounce");
        if (clickDebounce.isNegative()) {
            throw new IllegalArgumentException("clickDebounce may not be negative: " + clickDebounce);
        }
    }

    public static SlackOptions defaults() {
        return new SlackOptions(Clock.systemUTC(), Optional.empty(), DEFAULT_STREAM_LIFETIME, DEFAULT_CLICK_DEBOUNCE,
                true);
    }

    public SlackOptions withClock(Clock value) {
        return new SlackOptions(value, executor, streamLifetime, clickDebounce, nativeStreaming);
    }

    public SlackOptions withExecutor(ExecutorService value) {
        return new SlackOptions(clock, Optional.of(value), streamLifetime, clickDebounce, nativeStreaming);
    }

    public SlackOptions withStreamLifetime(Duration value) {
        return new SlackOptions(clock, executor, value, clickDebounce, nativeStreaming);
    }

    public SlackOptions withClickDebounce(Duration value) {
        return new SlackOptions(clock, executor, streamLifetime, value, nativeStreaming);
    }

    public SlackOptions withNativeStreaming(boolean value) {
        return new SlackOptions(clock, executor, streamLifetime, clickDebounce, value);
    }
}
