package io.nemobot.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Gives repeated clicks on the same button of the same message within a short window the event id
 * of the first one. Every Discord click is a new interaction with a new id, so without this the
 * core, which ignores a second event with the same id, would run a double-click twice.
 */
final class ClickDebouncer {
    static final Duration WINDOW = Duration.ofSeconds(5);

    private final Clock clock;
    private final Duration window;
    private final Map<String, Click> recent = new HashMap<>();

    private record Click(String eventId, Instant at) {
    }

    ClickDebouncer(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /**
     * The event id to hand to the core for a click.
     *
     * @param target        what was clicked: message id and button id
     * @param interactionId this click's interaction id
     */
    synchronized String eventId(String target, String interactionId) {
        Instant now = clock.instant();
        for (Iterator<Click> it = recent.values().iterator(); it.hasNext();) {
            if (Duration.between(it.next().at(), now).compareTo(window) >= 0) {
                it.remove();
            }
        }
        Click first = recent.get(target);
        if (first != null) {
            return first.eventId();
        }
        recent.put(target, new Click(interactionId, now));
        return interactionId;
    }
}
