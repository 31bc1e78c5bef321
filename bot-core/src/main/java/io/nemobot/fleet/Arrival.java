package io.nemobot.fleet;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where a message stands in its thread's queue across the fleet: the platform's own time of the message
 * (Slack's {@code ts}, a Discord snowflake's time), so two processes agree on the order whichever saw
 * it first, tie-broken by the event id.
 *
 * @param at      when the message was written, by the platform's clock
 * @param eventId the delivery's id (the same id is the same message on every process)
 */
public record Arrival(Instant at, String eventId) implements Comparable<Arrival> {
    private static final Comparator<Arrival> ORDER = Comparator.comparing(Arrival::at).thenComparing(Arrival::eventId);

    public Arrival {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.isBlank()) {
            throw new IllegalArgumentException("eventId must not be blank");
        }
    }

    /** The time in epoch microseconds (Slack's {@code ts} has microseconds; millis would tie its messages). */
    public long micros() {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    @Override
    public int compareTo(Arrival other) {
        return ORDER.compare(this, other);
    }
}
