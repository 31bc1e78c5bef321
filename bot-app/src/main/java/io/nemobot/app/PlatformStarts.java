package io.nemobot.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chat platforms one after the other, having first required every one of them for
 * {@code /readyz}. Discord's start blocks until its shards are in; were Slack required only after that,
 * a process of a fleet would look ready to its load balancer while its Slack endpoint was not listening.
 */
final class PlatformStarts {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformStarts.class);

    /** One platform: its name for readiness and logs, whether it is connected, and how it starts. */
    private record Platform(String name, BooleanSupplier connected, Runnable start) {
        Platform {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(connected, "connected");
            Objects.requireNonNull(start, "start");
        }
    }

    private final List<Platform> platforms = new ArrayList<>();

    /** A platform to start, in the order added. */
    PlatformStarts add(String name, BooleanSupplier connected, Runnable start) {
        platforms.add(new Platform(name, connected, start));
        return this;
    }

    /** Requires every platform for readiness, then starts each in turn (a failed start throws, as before). */
    void startAll(Operations ops) {
        platforms.forEach(p -> ops.requirePlatform(p.name(), p.connected()));
        for (Platform p : platforms) {
            p.start().run();
            LOG.info("{} connected", Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1));
        }
    }
}
