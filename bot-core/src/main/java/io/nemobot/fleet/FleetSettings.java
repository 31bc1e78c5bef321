package io.nemobot.fleet;

import io.nemobot.config.Settings;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How this process takes part in a fleet.
 *
 * @param instanceId this process's name among the others ({@code NEMO_INSTANCE_ID}; generated when unset,
 *                   so a restarted process is a new member and its predecessor's leases simply expire)
 * @param lease      how long a lease lasts without renewal ({@code NEMO_FLEET_LEASE}, default 30s): the longest
 *                   a dead process's turns and renders wait before another process takes them over
 */
public record FleetSettings(String instanceId, Duration lease) {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    public FleetSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isBlank() || instanceId.length() > 100) {
            throw new IllegalArgumentException("instanceId must be 1 to 100 characters");
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("lease must be at least 1s");
        }
    }

    public static FleetSettings of(Settings settings) {
        String id = settings.get("NEMO_INSTANCE_ID").filter(s -> !s.isBlank()).orElseGet(FleetSettings::generatedId);
        Duration lease = settings.get("NEMO_FLEET_LEASE").map(Settings::parseDuration).orElse(DEFAULT_LEASE);
        return new FleetSettings(id, lease);
    }

    /** Renewals come three times per lease, so one missed renewal (a slow query) loses nothing. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    /** How often a process looks for a dead process's turns and renders. */
    public Duration sweepEvery() {
        return lease.dividedBy(2);
    }

    private static String generatedId() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return "nemo-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(bytes);
    }
}
