package io.nemobot.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator with its demo behaviour until killed:
 * {@code java -cp ... io.nemobot.simulator.NemoSimulatorMain [--port 8787] [--pace-ms 100]
 * [--accept-any-token] [--no-token-quota]}.
 */
public final class NemoSimulatorMain {

    static final int DEFAULT_PORT = 8787;

    private NemoSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MainOptions options;
        try {
            options = MainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(MainOptions.USAGE);
            System.exit(2);
            return;
        }
        NemoSimulator simulator = NemoSimulator.start(options.port());
        options.paceMillis().ifPresent(ms -> simulator.setDemoPace(Duration.ofMillis(ms)));
        simulator.setAcceptAnyToken(options.acceptAnyToken());
        simulator.setTokenQuota(options.tokenQuota());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "nemo-sim-shutdown"));
        System.out.println("Nemo simulator listening on " + simulator.baseUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
