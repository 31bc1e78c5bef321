package io.nemobot.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One condition the bot needs to serve: empty when met, else the reason in plain words (shown by
 * {@code /readyz}, so never a token or a raw reply). A check that throws or hangs counts as not met.
 */
@FunctionalInterface
public interface ReadinessCheck {
    Optional<String> problem() throws Exception;

    /** Met when the probe returns (any value); e.g. the store answering a small read. */
    static ReadinessCheck answers(Callable<?> probe) {
        return () -> {
            probe.call();
            return Optional.empty();
        };
    }

    /** Met while the supplier says connected. */
    static ReadinessCheck connected(BooleanSupplier connected) {
        return () -> connected.getAsBoolean() ? Optional.empty() : Optional.of("not connected");
    }

    /** Met when the last answer (e.g. the backend's) is at most {@code window} old by the clock. */
    static ReadinessCheck answeredWithin(Supplier<Optional<Instant>> lastAnswer, Clock clock, Duration window) {
        return () -> {
            Optional<Instant> last = lastAnswer.get();
            if (last.isEmpty()) {
                return Optional.of("has not answered yet");
            }
            Duration age = Duration.between(last.get(), clock.instant());
            // Worded without the age, so that the verdict (and its log line) changes only when the state does.
            return age.compareTo(window) <= 0 ? Optional.empty()
                    : Optional.of("no answer in the last " + window.toSeconds() + " s");
        };
    }
}
