package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.PrometheusBotMetrics;
import io.nemobot.testing.Exposition;
import io.nemobot.testing.RecordingPlatform;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every platform call the core makes through a thread is counted, and the thread's own behaviour is kept. */
class MeteredThreadTest {
    private static final ThreadKey KEY = new ThreadKey("slack", "T1", "C1", "1.2");

    @Test
    void passesOnEveryMethodOfTheChatThreadPortDefaultsIncluded() throws Exception {
        for (Method m : ChatThread.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = MeteredThread.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            assertEquals(MeteredThread.class, own.getDeclaringClass(), m.getName());
        }
    }

    @Test
    void countsCallsByMethodAndOutcomeAndRethrowsTheRefusal() {
        RecordingPlatform platform = RecordingPlatform.fast("slack");
        try (PrometheusBotMetrics metrics = new PrometheusBotMetrics()) {
            ChatThread chat = MeteredThread.of(platform.thread(KEY), metrics, System::nanoTime);
            assertSame(chat, MeteredThread.of(chat, metrics, System::nanoTime), "metered once");
            MessageHandle m = chat.post(OutgoingMessage.of("hi"));
            chat.edit(m, OutgoingMessage.of("hi there"));
            platform.faults(c -> c.kind().equals("edit") ? ChatPlatformException.rateLimited(Duration.ofSeconds(1)) : null);
            assertThrows(ChatPlatformException.class, () -> chat.edit(m, OutgoingMessage.of("again")));
            platform.faults(c -> c.kind().equals("finish") ? new ChatPlatformException(ChatPlatformException.Kind.GONE, "gone") : null);
            assertThrows(ChatPlatformException.class, () -> chat.finish(m, OutgoingMessage.of("end")));
            Exposition s = Exposition.parse(metrics.scrape());
            String count = "nemo_platform_request_duration_seconds_count";
            assertEquals(1, s.value(count, "platform", "slack", "method", "post", "outcome", "ok"));
            assertEquals(1, s.value(count, "method", "edit", "outcome", "ok"));
            assertEquals(1, s.value(count, "method", "edit", "outcome", "rate_limited"));
            assertEquals(1, s.value(count, "method", "finish", "outcome", "refused"));
            assertTrue(platform.transcript(KEY).contains("hi there"));
        }
    }

    @Test
    void withoutMetricsTheAdaptersThreadIsUsedAsItIs() {
        ChatThread raw = RecordingPlatform.fast("slack").thread(KEY);
        assertSame(raw, MeteredThread.of(raw, BotMetrics.NONE, System::nanoTime));
    }
}
