package io.nemobot.slack;

import io.nemobot.chat.Checks;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;

/**
 * How the Slack adapter runs, beyond its settings: time and threads come in here so tests drive them.
 *
 * @param clock           the time source (stream ages, received-at stamps)
 * @param scheduler       where work that must not delay Slack's 3-second ack runs (posting a slash
 *                        command's thread root, greetings, file look-ups) and the sweep that closes idle
 *                        streams; empty: the adapter owns one
 * @param streamLifetime  how long a native stream ({@code chat.startStream}) is used before the message
 *                        continues with {@code chat.update}; Slack closes streams after about 5 minutes
 * @param streamIdle      a native stream nobody wrote to for this long is closed by the adapter (a
 *                        message posted once and never finished must not look unfinished)
 * @param nativeStreaming whether to try {@code chat.startStream}/{@code appendStream}/{@code stopStream}
 * @param budgetShare     the part of every Web API budget this process may use, read whenever a permit is
 *                        counted (a limit becomes max(1, ⌊limit × share⌋)): processes serving one app each
 *                        take 1/n; {@code () -> 1.0} alone
 */
public record SlackOptions(Clock clock, Optional<ScheduledExecutorService> scheduler, Duration streamLifetime,
        Duration streamIdle, boolean nativeStreaming, DoubleSupplier budgetShare) {
    /** Options using every budget whole. */
    public SlackOptions(Clock clock, Optional<ScheduledExecutorService> scheduler, Duration streamLifetime,
            Duration streamIdle, boolean nativeStreaming) {
        this(clock, scheduler, streamLifetime, streamIdle, nativeStreaming, () -> 1.0);
    }

    public static final Duration DEFAULT_STREAM_LIFETIME = Duration.ofMinutes(4);
    public static final Duration DEFAULT_STREAM_IDLE = Duration.ofSeconds(10);

    public SlackOptions {
        Checks.notNull(clock, "clock");
        scheduler = scheduler == null ? Optional.empty() : scheduler;
        positive(streamLifetime, "streamLifetime");
        positive(streamIdle, "streamIdle");
        Checks.notNull(budgetShare, "budgetShare");
    }

    private static void positive(Duration value, String field) {
        Checks.notNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    public static SlackOptions defaults() {
        return new SlackOptions(Clock.systemUTC(), Optional.empty(), DEFAULT_STREAM_LIFETIME, DEFAULT_STREAM_IDLE,
                true);
    }

    public SlackOptions withClock(Clock value) {
        return new SlackOptions(value, scheduler, streamLifetime, streamIdle, nativeStreaming, budgetShare);
    }

    public SlackOptions withScheduler(ScheduledExecutorService value) {
        return new SlackOptions(clock, Optional.of(value), streamLifetime, streamIdle, nativeStreaming, budgetShare);
    }

    public SlackOptions withStreamLifetime(Duration value) {
        return new SlackOptions(clock, scheduler, value, streamIdle, nativeStreaming, budgetShare);
    }

    public SlackOptions withStreamIdle(Duration value) {
        return new SlackOptions(clock, scheduler, streamLifetime, value, nativeStreaming, budgetShare);
    }

    /** Uses {@code value} of every Web API budget (see {@link #budgetShare()}). */
    public SlackOptions withBudgetShare(DoubleSupplier value) {
        return new SlackOptions(clock, scheduler, streamLifetime, streamIdle, nativeStreaming, value);
    }

    public SlackOptions withNativeStreaming(boolean value) {
        return new SlackOptions(clock, scheduler, streamLifetime, streamIdle, value, budgetShare);
    }
}
