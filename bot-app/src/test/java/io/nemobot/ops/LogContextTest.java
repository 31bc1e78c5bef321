package io.nemobot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Every log line of a turn carries its conversation and turn, on whichever thread it is written (tested here, where Logback gives SLF4J a real MDC). */
@SuppressWarnings("try") // the contexts are held for their scope, not referenced
class LogContextTest {
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        other.shutdownNow();
        other.awaitTermination(5, TimeUnit.SECONDS);
        MDC.clear();
    }

    @Test
    void aTurnSetsBothKeysAndClosingRestoresTheConversation() {
        try (LogContext conversation = LogContext.conversation("discord:c1:t1")) {
            try (LogContext turn = LogContext.turn("discord:c1:t1", "turn-7")) {
                assertEquals("discord:c1:t1", MDC.get(LogContext.CONVERSATION));
                assertEquals("turn-7", MDC.get(LogContext.TURN));
            }
            assertEquals("discord:c1:t1", MDC.get(LogContext.CONVERSATION));
            assertNull(MDC.get(LogContext.TURN));
        }
        assertNull(MDC.get(LogContext.CONVERSATION));
    }

    @Test
    void aCarriedTaskLogsWithItsCallersContextAndLeavesTheWorkerClean() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Runnable task;
        try (LogContext turn = LogContext.turn("slack:C1:1700000000.000100", "turn-9")) {
            task = LogContext.carry(() -> seen.set(MDC.get(LogContext.CONVERSATION) + "/" + MDC.get(LogContext.TURN)));
        }
        other.submit(task).get(5, TimeUnit.SECONDS);
        assertEquals("slack:C1:1700000000.000100/turn-9", seen.get());
        assertEquals("null", other.submit(() -> String.valueOf(MDC.get(LogContext.TURN))).get(5, TimeUnit.SECONDS),
                "the worker thread's own context is back after the task");
    }

    @Test
    void aBlankKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogContext.turn(" ", "turn-1"));
        assertThrows(IllegalArgumentException.class, () -> LogContext.turn("discord:c1:t1", null));
    }
}
