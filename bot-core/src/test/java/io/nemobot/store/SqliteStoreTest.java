package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ThreadKey;
import io.nemobot.testing.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is SQLite's own: group commit, the writer thread's failures, the binding cache, the schema version, kill -9. */
class SqliteStoreTest {
    @TempDir
    Path dir;

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
    void aWriteWhoseFollowUpThrowsFailsAloneAndLaterWritesStillComplete() throws Exception {
        // (before the writer thread, this left the commit role taken and every later write waiting forever)
        try (SqliteStore store = SqliteStore.open(dir)) {
            StoreException e = assertThrows(StoreException.class, () -> store.writeThen(() -> {
                throw new IllegalStateException("follow-up fails");
            }, "INSERT INTO credentials (name, value) VALUES (?, ?)", "a", "1"));
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            CompletableFuture.runAsync(() -> store.saveCredential("b", "2")).get(10, TimeUnit.SECONDS);
            assertEquals(Optional.of("2"), store.credential("b"));
            assertEquals(0, store.pendingWrites());
        }
    }

    @Test
    void aFailingWriteInAGroupFailsAloneAndTheOthersAreDurable() throws Exception {
        int good = 6;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        CompletableFuture<Void> bad;
        CompletableFuture<Void> throwing;
        try (SqliteStore store = SqliteStore.open(dir)) {
            synchronized (store.connectionLock()) { // a commit on its way to the disk: all that follows goes in one group
                for (int i = 0; i < good / 2; i++) {
                    writes.add(saveTurnAsync(store, "before" + i));
                }
                bad = CompletableFuture.runAsync(() -> store.writeThen(null, "INSERT INTO no_such_table VALUES (?)", 1));
                throwing = CompletableFuture.runAsync(() -> store.write(s -> {
                    s.update("INSERT INTO credentials (name, value) VALUES (?, ?)", "k", "v");
                    throw new IllegalStateException("a write that throws half way");
                }, null));
                for (int i = 0; i < good / 2; i++) {
                    writes.add(saveTurnAsync(store, "after" + i));
                }
                Await.until(() -> store.pendingWrites() == good + 2, Duration.ofSeconds(10),
                        () -> store.pendingWrites() + " pending");
            }
            for (CompletableFuture<Void> w : writes) {
                w.get(10, TimeUnit.SECONDS);
            }
            ExecutionException failed = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof StoreException, String.valueOf(failed.getCause()));
            ExecutionException threw = assertThrows(ExecutionException.class, () -> throwing.get(10, TimeUnit.SECONDS));
            assertTrue(threw.getCause() instanceof StoreException, String.valueOf(threw.getCause()));
            assertEquals(Optional.empty(), store.credential("k"), "the failed write left nothing behind");
        }
        try (SqliteStore store = SqliteStore.open(dir)) {
            assertEquals(good, store.openTurns().size(), "every good write of the group is on disk");
        }
    }

    @Test
    void closingCommitsWhatIsQueuedAndRefusesLaterWrites() throws Exception {
        int writers = 5;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        SqliteStore store = SqliteStore.open(dir);
        CompletableFuture<Void> closing;
        synchronized (store.connectionLock()) {
            for (int i = 0; i < writers; i++) {
                writes.add(saveTurnAsync(store, "queued" + i));
            }
            Await.until(() -> store.pendingWrites() == writers, Duration.ofSeconds(10),
                    () -> store.pendingWrites() + " pending");
            closing = CompletableFuture.runAsync(store::close);
            Await.until(() -> !store.acceptsWrites(), Duration.ofSeconds(10), () -> "still taking writes");
            assertThrows(StoreException.class, () -> store.saveCredential("late", "x"), "a write after close began");
        }
        closing.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> w : writes) {
            w.get(10, TimeUnit.SECONDS);
        }
        try (SqliteStore reopened = SqliteStore.open(dir)) {
            assertEquals(writers, reopened.openTurns().size(), "what was queued before close was committed");
        }
    }

    private static CompletableFuture<Void> saveTurnAsync(SqliteStore store, String thread) {
        ThreadKey t = new ThreadKey("discord", "G1", "C1", thread);
        return CompletableFuture.runAsync(() -> store.saveOpenTurn(new OpenTurn(t, "m", Instant.EPOCH)));
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
