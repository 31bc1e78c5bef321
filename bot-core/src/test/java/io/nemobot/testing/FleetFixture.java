package io.nemobot.testing;

import io.nemobot.config.PostgresUrl;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.store.PostgresStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Several bot "processes" (cores, each with its own connection pool) over one real PostgreSQL, for one
 * test at a time: a fresh database on the shared server, a Nemo simulator, one {@link RecordingPlatform}
 * every process writes to, and one {@link FleetTime} for all of them, so a live process's lease is
 * always renewed before it could lapse whatever the machine's load. Everything is closed after the
 * test. Use as {@code @RegisterExtension final FleetFixture fleet = new FleetFixture();}.
 */
public final class FleetFixture implements BeforeEachCallback, AfterEachCallback {
    /** The fleet's lease in these tests: a stopped process's threads and renders are taken over after it. */
    public static final String LEASE = "1s";

    private final RecordingPlatform platform = RecordingPlatform.fast("test");
    private final List<BotCore> cores = new ArrayList<>();
    private FleetTime time;
    private NemoSimulator sim;
    private PostgresUrl database;
    private Path data;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("nemo-fleet-");
        time = new FleetTime();
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
        database = PostgresServer.shared().createDatabase();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            new ArrayList<>(cores).forEach(BotCore::close);
            cores.clear();
            sim.close();
            time.close();
        } finally {
            deleteData();
        }
    }

    /** Starts a process named {@code id} (its own data directory, the shared database) with these settings on top. */
    public BotCore process(String id, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("NEMO_INSTANCE_ID", id, "NEMO_FLEET_LEASE", LEASE));
        settings.putAll(overrides);
        BotCore core = time.drive(TestCores.builder(sim.baseUrl(), data.resolve(id), settings))
                .store(PostgresStore.open(database)).build();
        core.register(platform);
        core.start();
        cores.add(core);
        return core;
    }

    /** Stops a process as its operator would (its leases lapse instead of being handed over when it dies). */
    public void stop(BotCore core) {
        core.close();
        cores.remove(core);
    }

    /** The processes running now (a test may close one and remove it here). */
    public List<BotCore> cores() {
        return cores;
    }

    public NemoSimulator sim() {
        return sim;
    }

    public PostgresUrl database() {
        return database;
    }

    public RecordingPlatform platform() {
        return platform;
    }

    public FleetTime time() {
        return time;
    }

    private void deleteData() {
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
