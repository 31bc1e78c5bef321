package io.nemobot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the fleet report says of each process's share and how a node JVM is started. */
class FleetReportSharesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theShareInForceAtTheStartThenEachChangeDuringTheRun() {
        long t0 = 100 * S;
        List<Node.ShareChange> changes = List.of(new Node.ShareChange(90 * S, 1.0), new Node.ShareChange(95 * S, 1.0 / 3),
                new Node.ShareChange(t0 + 97_100_000_000L, 0.5), new Node.ShareChange(t0 + 500 * S, 1.0));
        assertEquals("1/3 from the start, 1/2 at 97.1 s", FleetReport.shares(changes, t0, t0 + 120 * S));
        assertEquals("not reported", FleetReport.shares(List.of(), t0, t0 + S));
        assertEquals("all", FleetReport.share(1.0));
        assertEquals("0.400", FleetReport.share(0.4));
    }

    @Test
    void extraJvmArgsGoBeforeTheClassPath() {
        List<String> cmd = NodeMain.command("java", "bench.jar", " -XX:StartFlightRecording=filename=/tmp/p1.jfr  -Xlog:gc ",
                List.of("p1", "fleet"));
        assertEquals(List.of("java", "-Xmx384m", "-Xss512k", "-XX:StartFlightRecording=filename=/tmp/p1.jfr", "-Xlog:gc",
                "-cp", "bench.jar", NodeMain.class.getName(), "p1", "fleet"), cmd);
        assertEquals(3, NodeMain.command("java", "bench.jar", "", List.of()).indexOf("-cp"));
    }
}
