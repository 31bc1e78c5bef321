package io.nemobot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nemobot.chat.ThreadKey;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.PrometheusBotMetrics;
import io.nemobot.testing.Exposition;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Store writes are timed whichever store is behind, reads are not, and nothing of the store is lost. */
class TimedStoreTest {
    @Test
    void passesOnEveryMethodOfTheStorePort() throws Exception {
        for (Method m : Store.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = TimedStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            assertEquals(TimedStore.class, own.getDeclaringClass(), m.getName());
        }
    }

    @Test
    void countsEachWriteFailedOnesTooAndNoRead() {
        MemoryStore memory = new MemoryStore();
        try (PrometheusBotMetrics metrics = new PrometheusBotMetrics()) {
            Store store = TimedStore.of(memory, metrics, System::nanoTime);
            ThreadKey thread = new ThreadKey("slack", "T1", "C1", "1.2");
            store.saveBinding(ThreadBinding.claimed(thread, "caption-ab", "en", Instant.EPOCH));
            store.countTurn("slack:U1", LocalDate.of(2026, 1, 1));
            store.binding(thread);
            store.turns("slack:U1", LocalDate.of(2026, 1, 1));
            memory.close();
            assertThrows(StoreException.class, () -> store.saveCredential("a", "b"));
            assertEquals(3, Exposition.parse(metrics.scrape()).value("nemo_store_write_duration_seconds_count"));
        }
    }

    @Test
    void withoutMetricsTheStoreIsUsedAsItIs() {
        MemoryStore memory = new MemoryStore();
        assertSame(memory, TimedStore.of(memory, BotMetrics.NONE, System::nanoTime));
    }
}
