package io.nemobot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discord's typing indicator, as the status line of a thread. One trigger shows it for about ten
 * seconds, so a channel is triggered at most once per {@link #INTERVAL}, however often the core
 * updates its status.
 */
final class TypingIndicator {
    static final Duration INTERVAL = Duration.ofSeconds(8);
    private static final int MAX_CHANNELS = 1_000;

    private final DiscordRest rest;
    private final Clock clock;
    private final Map<String, Instant> lastTriggered = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_CHANNELS;
        }
    };

    TypingIndicator(DiscordRest rest, Clock clock) {
        this.rest = rest;
        this.clock = clock;
    }

    /** Shows the indicator in the channel unless it was shown there less than {@link #INTERVAL} ago. */
    void show(String channelId) {
        Instant now = clock.instant();
        synchronized (lastTriggered) {
            Instant last = lastTriggered.get(channelId);
            if (last != null && Duration.between(last, now).compareTo(INTERVAL) < 0) {
                return;
            }
            lastTriggered.put(channelId, now);
        }
        rest.triggerTyping(channelId);
    }

    /** Forgets the channel, so the next status shows at once (a message was posted: Discord cleared it). */
    void cleared(String channelId) {
        synchronized (lastTriggered) {
            lastTriggered.remove(channelId);
        }
    }
}
