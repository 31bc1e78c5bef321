package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A process with Discord and Slack is not ready while either is still starting: a load balancer must
 * not send Slack requests to a process whose Discord shards are in but whose Slack endpoint is not up.
 */
class PlatformStartsTest {
    private final Operations ops = new Operations(OptionalInt.of(0), Duration.ofMillis(200));

    @AfterEach
    void stop() {
        ops.close();
    }

    @Test
    void aProcessWhoseFirstPlatformIsInIsNotReadyUntilTheNextOneIsToo() {
        AtomicBoolean discord = new AtomicBoolean();
        AtomicBoolean slack = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        new PlatformStarts()
                .add("discord", discord::get, () -> {
                    discord.set(true);
                    seen.add("discord in: " + ops.readiness().check().problems());
                })
                .add("slack", slack::get, () -> slack.set(true))
                .startAll(ops);

        assertEquals(List.of("discord in: [slack: not connected]"), seen);
        assertTrue(ops.readiness().check().ready(), "ready once both are in: " + ops.readiness().check().problems());
    }

    @Test
    void aPlatformThatFailsToStartLeavesTheProcessNotReady() {
        AtomicBoolean slack = new AtomicBoolean();
        PlatformStarts starts = new PlatformStarts()
                .add("discord", () -> false, () -> {
                    throw new IllegalStateException("Discord did not connect");
                })
                .add("slack", slack::get, () -> slack.set(true));

        assertThrows(IllegalStateException.class, () -> starts.startAll(ops), "Main reports it and exits");
        assertFalse(slack.get(), "the platforms after the failed one are not started");
        assertFalse(ops.readiness().check().ready());
    }
}
