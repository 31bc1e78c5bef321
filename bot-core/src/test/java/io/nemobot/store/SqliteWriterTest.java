package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.testing.Await;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's last resort: a close that cannot drain in time fails the queued writes instead of leaving them waiting. */
class SqliteWriterTest {
    @TempDir
    Path dir;

    @Test
    void aCloseThatCannotDrainInTimeFailsTheQueuedWritesAndTheWriterStillEnds() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v INTEGER)");
            }
            SqliteWriter writer = new SqliteWriter(c, "test-writer", Duration.ofMillis(200));
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            synchronized (writer.batchLock()) { // a commit that does not come back in time
                for (int i = 0; i < 4; i++) {
                    int v = i;
                    writes.add(CompletableFuture.supplyAsync(() -> writer.write(s -> s.update("INSERT INTO t VALUES (?)", v), null)));
                }
                Await.until(() -> writer.pending() == 4, Await.WAIT, () -> writer.pending() + " pending");
                writer.close(); // returns after its wait, though the writer is still held
                assertTrue(!writer.open());
            }
            int failed = 0;
            for (CompletableFuture<Integer> w : writes) {
                try {
                    assertEquals(1, w.get(10, TimeUnit.SECONDS), "a write the writer had taken commits");
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof StoreException, String.valueOf(e.getCause()));
                    failed++;
                }
            }
            assertTrue(failed >= 3, failed + " of 4 writes failed; the rest were in the writer's hands");
            assertThrows(StoreException.class, () -> writer.write(s -> s.update("INSERT INTO t VALUES (9)"), null));
            Await.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-writer")),
                    Await.WAIT, () -> "the writer thread is still running");
        }
    }
}
