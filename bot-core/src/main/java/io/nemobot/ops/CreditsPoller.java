package io.nemobot.ops;

import io.nemobot.metrics.BotMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the backend for the account's credits every interval (not per turn) and reports them to the
 * {@code nemo_credits_available} gauge. Each answer is also proof that the backend answers, which the
 * readiness check "backend answered recently" reads from {@link #lastAnswer()}. A failure is logged
 * once when it starts and once when it ends, not at every poll.
 */
public final class CreditsPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CreditsPoller.class);

    private final CreditsSource source;
    private final BotMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration interval;
    private volatile Instant lastAnswer;
    private boolean failing;
    private ScheduledFuture<?> task;

    public CreditsPoller(CreditsSource source, BotMetrics metrics, ScheduledExecutorService scheduler, Clock clock,
                         Duration interval) {
        if (source == null || metrics == null || scheduler == null || clock == null) {
            throw new IllegalArgumentException("source, metrics, scheduler and clock are required");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        this.source = source;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.clock = clock;
        this.interval = interval;
    }

    /** Polls now, then every interval, on the scheduler. */
    public synchronized void start() {
        if (task == null) {
            task = scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One poll; never throws. */
    public void poll() {
        try {
            long available = source.available();
            metrics.creditsAvailable(available);
            lastAnswer = clock.instant();
            recovered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed(e);
        }
    }

    /** When the backend last answered a poll; empty before the first answer. */
    public Optional<Instant> lastAnswer() {
        return Optional.ofNullable(lastAnswer);
    }

    public Duration interval() {
        return interval;
    }

    private synchronized void recovered() {
        if (failing) {
            LOG.info("Credits poll: the backend answers again");
            failing = false;
        }
    }

    private synchronized void failed(Exception e) {
        if (!failing) {
            // The backend client's exceptions carry no token and no raw reply; the class names the kind.
            LOG.warn("Credits poll failed: {}", e.toString());
            failing = true;
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
