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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
                io.nemobot.testing.Await.until(() -> store.pendingWrites() == writers, Await.WAIT,
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
            // the writer counts a write done just after answering it: wait for that, never for a stuck one
            Await.until(() -> store.pendingWrites() == 0, Await.WAIT, () -> store.pendingWrites() + " pending");
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
                Await.until(() -> store.pendingWrites() == good + 2, Await.WAIT,
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
            Await.until(() -> store.pendingWrites() == writers, Await.WAIT,
                    () -> store.pendingWrites() + " pending");
            closing = CompletableFuture.runAsync(store::close);
            Await.until(() -> !store.acceptsWrites(), Await.WAIT, () -> "still taking writes");
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
            ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank");
            assertTrue(rs.next());
            assertEquals("1", rs.getString(1));
            assertEquals(1, rs.getInt(2));
            // What a later bot would leave: a migration this one does not know.
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (99, '99', 'later', 'SQL',"
                    + " 'V99__later.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)");
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(dir));
        assertTrue(e.getMessage().contains("schema version 99") && e.getMessage().contains("upgrade the bot"), e.getMessage());
    }

    @Test
    void aStoreFileMadeBeforeMigrationsKeepsItsDataAndIsBaselined() throws Exception {
        ThreadKey t = new ThreadKey("slack", "T1", "C1", "1700000000.0003");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nemo-bot.db"));
                Statement s = c.createStatement()) {
            for (String sql : PRE_FLYWAY_SCHEMA) {
                s.execute(sql);
            }
            s.execute("INSERT INTO credentials VALUES ('nemo.token', 'fake-token')");
            s.execute("INSERT INTO threads VALUES ('" + t.id() + "', 'sess_old', NULL, NULL, 'caption-ab', 'en', 0)");
        }
        for (int open = 0; open < 2; open++) {
            try (SqliteStore store = SqliteStore.open(dir)) {
                assertEquals(Optional.of("fake-token"), store.credential("nemo.token"));
                assertEquals(Optional.of("sess_old"), store.binding(t).orElseThrow().sessionId());
                store.saveCredential("nemo.client", "fake-client-" + open);
                // Version 2's column is there: an interrupted reply's outgrown messages are kept.
                OpenTurn turn = new OpenTurn(t, "m2", List.of(new SettledMessage("m1", "part one")), java.time.Instant.ofEpochMilli(5));
                store.saveOpenTurn(turn);
                assertEquals(List.of(turn), store.openTurns());
                assertEquals(Optional.of("fake-client-" + open), store.credential("nemo.client"));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nemo-bot.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank")) {
            assertTrue(rs.next());
            assertEquals("1", rs.getString(1));
            assertEquals("BASELINE", rs.getString(2));
            assertTrue(rs.next(), "the migrations after version 1 run over the baselined file");
            assertEquals("2", rs.getString(1));
            assertEquals("SQL", rs.getString(2));
            while (rs.next()) { // later versions (the fleet's no-op V4, ...) follow; version 1 never again
                assertTrue(!"1".equals(rs.getString(1)), "version 1 was not run again over the existing tables");
            }
        }
    }

    /** The schema the store made before it used Flyway (released with {@code PRAGMA user_version} 1). */
    private static final String[] PRE_FLYWAY_SCHEMA = {
        "CREATE TABLE credentials (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE threads (thread_key TEXT PRIMARY KEY, session_id TEXT, task_id TEXT, bind_id TEXT,"
                + " skill_id TEXT NOT NULL, language TEXT NOT NULL, updated_at INTEGER NOT NULL)",
        "CREATE TABLE pending_renders (render_id TEXT PRIMARY KEY, thread_key TEXT NOT NULL,"
                + " session_id TEXT NOT NULL, skill_id TEXT NOT NULL, requester_id TEXT NOT NULL,"
                + " requester_name TEXT, progress_message TEXT, started_at INTEGER NOT NULL)",
        "CREATE TABLE open_turns (thread_key TEXT PRIMARY KEY, message TEXT, started_at INTEGER NOT NULL)",
        "CREATE TABLE daily_turns (user_key TEXT NOT NULL, day TEXT NOT NULL, turns INTEGER NOT NULL,"
                + " PRIMARY KEY (user_key, day))",
        "PRAGMA user_version=1",
    };

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
