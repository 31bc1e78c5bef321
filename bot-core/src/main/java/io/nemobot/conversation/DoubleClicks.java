package io.nemobot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.ActionClick;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells a double-click from a new request. Platforms give every click its own event id (a Discord
 * interaction, a Slack {@code action_ts}), so the core's "same event id once" rule lets a quick
 * second click through and would render or answer twice. A click on the same button in the same
 * thread by the same person within the window of the first one is a repeat. Written once here, for
 * every platform; the marks expire with the window and are bounded in number.
 */
final class DoubleClicks {
    /** Clicks closer together than this are one request. */
    static final Duration WINDOW = Duration.ofSeconds(5);

    private final Cache<String, Boolean> recent;

    DoubleClicks(Clock clock, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.recent = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(window)
                .maximumSize(10_000)
                .executor(Runnable::run)
                .build();
    }

    /** Whether this click repeats one made within the window (the first click of a burst is not). */
    boolean isRepeat(ActionClick click) {
        String key = click.thread() + "|" + click.author().id() + "|" + click.action().id();
        return recent.asMap().putIfAbsent(key, Boolean.TRUE) != null;
    }
}
