package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void everythingSurvivesReopening() {
        ThreadKey t = new ThreadKey("slack", "T1", "C1", "1700000000.0001");
        try (SqliteStore store = SqliteStore.open(dir)) {
            store.saveCredential("nemo.token", "fake-token");
            store.saveBinding(ThreadBinding.claimed(t, "caption-ab", "zh", Instant.EPOCH)
                    .withSession("sess_1", "task_1", "u_1", "zh", Instant.EPOCH));
            store.savePendingRender(new PendingRender("render_1", t, "sess_1", "caption-ab", "U1", "Ana", "m1", Instant.EPOCH));
            store.saveOpenTurn(new OpenTurn(t, "m2", Instant.EPOCH));
            store.countTurn("slack:U1", LocalDate.of(2026, 1, 1));
            store.countTurn("slack:U1", LocalDate.of(2026, 1, 1));
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(Optional.of("fake-token"), store.credential("nemo.token"));
            ThreadBinding b = store.binding(t).orElseThrow();
            assertEquals(Optional.of("sess_1"), b.sessionId());
            assertEquals("caption-ab", b.skillId());
            assertEquals("zh", b.language());
            assertEquals(List.of("render_1"), store.pendingRenders().stream().map(PendingRender::renderId).toList());
            assertEquals("m2", store.openTurns().get(0).message());
            assertEquals(2, store.turns("slack:U1", LocalDate.of(2026, 1, 1)));
            store.deletePendingRender("render_1");
            assertTrue(store.pendingRenders().isEmpty());
        }
    }

    @Test
    void writesThatComeDuringACommitGoTogetherInTheNextOneAndEachIsDurable() throws Exception {
        // (the test holding the connection's lock stands for a commit on its way to the disk)
        int writers = 40;
        List<Thread> threads = new java.util.ArrayList<>();
        try (SqliteStore store = SqliteStore.open(dir)) {
            long before;
            synchronized (store.connectionLock()) { // a commit on its way to the disk
                before = store.commits();
                for (int i = 0; i < writers; i++) {
                    ThreadKey t = new ThreadKey("discord", "G1", "C1", "th" + i);
                    Thread w = new Thread(() -> store.saveOpenTurn(new OpenTurn(t, "m", Instant.EPOCH)));
                    w.start();
                    threads.add(w);
                }
                io.nemobot.testing.Await.until(() -> store.pendingWrites() == writers, java.time.Duration.ofSeconds(10),
                        () -> store.pendingWrites() + " pending");
                // Reads do not wait for the commit: a message's thread lookup answers meanwhile.
                java.util.concurrent.CompletableFuture<Optional<ThreadBinding>> lookup = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> store.binding(new ThreadKey("discord", "G1", "C1", "elsewhere")));
                assertEquals(Optional.empty(), lookup.get(10, TimeUnit.SECONDS));
            }
            for (Thread w : threads) {
                w.join(10_000);
                assertTrue(!w.isAlive(), "every write returned");
            }
            // The first writer took what was queued when it started (itself, perhaps a few more); all
            // that came while it waited for the connection went in the next commit.
            assertTrue(store.commits() - before <= 2, (store.commits() - before) + " commits for " + writers + " writes");
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(writers, store.openTurns().size(), "each write is on disk");
        }
    }

    @Test
    void aBindingReadOnceIsServedFromMemoryAndKeptUpToDateByWrites() {
        ThreadKey t = new ThreadKey("slack", "T1", "C1", "1700000000.0002");
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertTrue(store.binding(t).isEmpty());
            store.saveBinding(ThreadBinding.claimed(t, "caption-ab", "en", Instant.EPOCH));
            assertTrue(store.binding(t).isPresent(), "a write replaces what was read before");
            store.saveBinding(store.binding(t).orElseThrow().withSession("sess_2", "task_2", "u_2", "en", Instant.EPOCH));
            assertEquals(Optional.of("sess_2"), store.binding(t).orElseThrow().sessionId());
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(Optional.of("sess_2"), store.binding(t).orElseThrow().sessionId());
        }
    }

    @Test
    void aBindingNotReadForAnHourLeavesMemoryAndIsReadAgainFromTheFile() {
        AtomicLong nanos = new AtomicLong(7_000_000_000L);
        ThreadKey quiet = new ThreadKey("discord", "G1", "C1", "th-quiet");
        ThreadKey busy = new ThreadKey("discord", "G1", "C1", "th-busy");
        try (SqliteStore store = SqliteStore.open(dir, nanos::get)) {
            store.saveBinding(ThreadBinding.claimed(quiet, "caption-ab", "en", Instant.EPOCH).withSession("sess_q", "task_q",
                    "u_q", "en", Instant.EPOCH));
            store.saveBinding(ThreadBinding.claimed(busy, "caption-ab", "en", Instant.EPOCH));
            assertTrue(store.binding(new ThreadKey("discord", "G1", "C1", "th-unknown")).isEmpty());
            assertEquals(3, store.cachedBindings(), "written and read bindings are kept in memory");
            for (int minutes = 0; minutes < 90; minutes += 10) {
                nanos.addAndGet(TimeUnit.MINUTES.toNanos(10));
                assertTrue(store.binding(busy).isPresent());
            }
            assertEquals(1, store.cachedBindings(), "only the thread read within the hour is still in memory");
            assertEquals(Optional.of("sess_q"), store.binding(quiet).orElseThrow().sessionId(), "read again from the file");
            assertEquals(2, store.cachedBindings());
        }
    }

    @Test
    void theSchemaIsVersionedAndANewerStoreIsRefused() throws Exception {
        SqliteStore.open(dir).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nemo-bot.db"));
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA user_version");
            rs.next();
            assertEquals(SqliteStore.schemaVersion(), rs.getInt(1));
            s.execute("PRAGMA user_version=99");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
        assertTrue(e.getMessage().contains("upgrade the bot"), e.getMessage());
    }

    @Test
    void committedWritesSurviveAKillDashNine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        int confirmed = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("written ")) {
                    confirmed = Integer.parseInt(line.substring(8));
                    if (confirmed >= 50) {
                        break;
                    }
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(confirmed >= 50, "the writer confirmed " + confirmed);
        try (SqliteStore store = SqliteStore.open(dir)) {
            for (int i = 1; i <= confirmed; i++) {
                assertTrue(store.binding(new ThreadKey("test", "W", "C", "t" + i)).isPresent(), "binding " + i + " lost");
            }
        }
    }
}
