package io.nemobot.store;

import io.nemobot.config.PostgresUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import io.nemobot.config.ConfigException;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import io.nemobot.testing.Await;
import io.nemobot.testing.PostgresServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is PostgreSQL's own: a server lost mid-run and back, and choosing it with {@code NEMO_DATABASE_URL}. */
class PostgresStoreTest {
    private static final ThreadKey T = new ThreadKey("slack", "T1", "C1", "1700000000.0001");
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private final PostgresServer server = PostgresServer.shared();

    @TempDir
    Path dir;

    @AfterEach
    void serverRunsForTheNextTest() {
        server.restart();
    }

    @Test
    void aServerLostMidRunFailsTheWritesOfTheOutageLosesNothingAndIsUsedAgainOnceBack() {
        try (PostgresStore store = PostgresStore.open(server.createDatabase(), Duration.ofSeconds(1))) {
            store.saveCredential("nemo.token", "fake-token");
            store.saveBinding(ThreadBinding.claimed(T, "caption-ab", "en", Instant.EPOCH).withSession("sess_1", null, null, "en", Instant.EPOCH));
            store.countTurn("slack:U1", DAY);

            server.stopAbruptly();
            assertThrows(StoreException.class, () -> store.saveCredential("nemo.token", "fake-token-during-outage"));
            assertThrows(StoreException.class, () -> store.countTurn("slack:U1", DAY));
            assertThrows(StoreException.class, () -> store.credential("nemo.token"));

            server.restart();
            // No reconnect call, no new store: calls work again as soon as the pool has a connection.
            Await.until(() -> answers(store), Duration.ofSeconds(30), () -> "the store still fails");
            assertEquals(Optional.of("fake-token"), store.credential("nemo.token"), "committed before: kept; tried during: not there");
            assertEquals(Optional.of("sess_1"), store.binding(T).orElseThrow().sessionId());
            assertEquals(1, store.turns("slack:U1", DAY));
            assertEquals(2, store.countTurn("slack:U1", DAY));
            store.saveCredential("nemo.token", "fake-token-after");
            assertEquals(Optional.of("fake-token-after"), store.credential("nemo.token"));
        }
    }

    @Test
    void aWriteThatFindsEveryConnectionBusyWaitsForOneInsteadOfFailingTheTurn() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService holders = java.util.concurrent.Executors.newCachedThreadPool();
        try (PostgresStore store = PostgresStore.open(server.createDatabase(), Duration.ofSeconds(1))) {
            java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < 10; i++) { // every connection of the pool held by a call still running
                String lock = "held-" + i;
                holders.submit(() -> store.exclusively(lock, () -> {
                    holding.incrementAndGet();
                    try {
                        return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
            }
            Await.until(() -> holding.get() == 10, Duration.ofSeconds(20), () -> holding.get() + " of 10 connections held");
            java.util.concurrent.Future<?> write = holders.submit(() -> store.saveCredential("nemo.token", "fake-token-after-the-burst"));
            // Past the 1 s connect timeout the write is still waiting, not failed.
            Await.until(() -> store.busyWaits() > 0 || write.isDone(), Duration.ofSeconds(20), () -> "the write neither waited on nor ended");
            assertFalse(write.isDone(), "the write ended while every connection was still busy");
            release.countDown();
            write.get(20, java.util.concurrent.TimeUnit.SECONDS); // lands once a connection frees: no exception
            assertEquals(Optional.of("fake-token-after-the-burst"), store.credential("nemo.token"));
        } finally {
            release.countDown();
            holders.shutdownNow();
        }
    }

    private static boolean answers(Store store) {
        try {
            store.credential("nemo.token");
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    @Test
    void theDatabaseUrlChoosesPostgresAndUnsetMeansSqlite() {
        PostgresUrl db = server.createDatabase();
        String url = "postgres://postgres@127.0.0.1:" + server.port() + db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/'));
        try (BotCore core = core(Map.of("NEMO_DATABASE_URL", url))) {
            assertTrue(core.store() instanceof PostgresStore, core.store().getClass().getName());
            core.store().saveCredential("nemo.token", "fake-token");
        }
        try (PostgresStore store = PostgresStore.open(db)) {
            assertEquals(Optional.of("fake-token"), store.credential("nemo.token"), "the core wrote to that database");
        }
        try (BotCore core = core(Map.of())) {
            assertTrue(core.store() instanceof SqliteStore, core.store().getClass().getName());
        }
    }

    @Test
    void anUnreachableDatabaseAtStartIsOneProblemNamingTheSettingAndTheReasonButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // free once this closes: nothing listens there
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> core(Map.of("NEMO_DATABASE_URL", "postgres://nemo:s3cret-fake@127.0.0.1:" + closedPort + "/nemo")));
        assertEquals(1, e.problems().size(), e.problems().toString());
        String line = e.problems().get(0);
        assertTrue(line.startsWith("NEMO_DATABASE_URL: "), line);
        assertTrue(line.contains("127.0.0.1:" + closedPort + "/nemo") && line.contains("refused"), line);
        assertFalse(line.contains("s3cret-fake"), line);
        assertFalse(line.contains("\n"), line);
    }

    private BotCore core(Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.put("NEMO_BOT_DATA", dir.toString());
        s.put("NEMO_BOT_CONFIG", "does-not-exist");
        return BotCore.builder().settings(Settings.of(s)).build();
    }
}
