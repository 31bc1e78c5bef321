package io.nemobot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.PostgresUrl;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.ChatMessage;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.store.PostgresStore;
import io.nemobot.testing.Await;
import io.nemobot.testing.PostgresServer;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread's messages reach two bot processes out of the order they were written (a platform delivers
 * each to whichever process, with its own delays): they still run in the platform's order, the time the
 * platform gave each message (Slack's ts, a Discord snowflake's), not in the order the processes got them.
 */
class PlatformOrderCoresTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Author ANA = Author.human("U1", "Ana");
    private static final String QUEUED = "Got it — I'll get to this as soon as the current step is done.";

    @TempDir
    Path data;
    private NemoSimulator sim;
    private final RecordingPlatform platform = RecordingPlatform.fast("test");
    private final ThreadKey thread = new ThreadKey("test", "W1", "C1", "T-order");
    private final List<BotCore> cores = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
    }

    @AfterEach
    void stop() {
        cores.forEach(BotCore::close);
        sim.close();
    }

    private BotCore process(String id, PostgresUrl database) {
        BotCore core = TestCores.builder(sim.baseUrl(), data.resolve(id),
                Map.of("NEMO_INSTANCE_ID", id, "NEMO_FLEET_LEASE", "1s")).store(PostgresStore.open(database)).build();
        core.register(platform);
        core.start();
        cores.add(core);
        return core;
    }

    private void say(BotCore core, String text, String eventId, Instant written) {
        core.conversations().accept(new IncomingMessage(thread, ANA, text, List.of(), Optional.empty(), eventId, written),
                platform.thread(thread));
    }

    private int queuedNotices() {
        return platform.transcript(thread).split(QUEUED, -1).length - 1;
    }

    @Test
    void aLaterMessageReachingAProcessFirstStillRunsAfterTheEarlierOneReachingAnother() {
        PostgresUrl database = PostgresServer.shared().createDatabase();
        BotCore a = process("a", database);
        BotCore b = process("b", database);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("First part").pauseUntil(firstMayEnd).finalText("First done."));
        sim.enqueueTurn(Turn.agent().finalText("Second done."));
        sim.enqueueTurn(Turn.agent().finalText("Third done."));
        Instant written = Instant.parse("2026-12-05T08:00:00Z");
        say(a, "make a video", "e1", written);
        Await.until(() -> platform.transcript(thread).contains("First part"), WAIT, () -> platform.transcript(thread));

        say(b, "add music", "e3", written.plusSeconds(2)); // written last, delivered first
        Await.until(() -> queuedNotices() == 1, WAIT, () -> platform.transcript(thread));
        say(a, "make it brighter", "e2", written.plusSeconds(1)); // written before it, delivered after
        Await.until(() -> queuedNotices() == 2, WAIT, () -> platform.transcript(thread));

        firstMayEnd.countDown();
        Await.until(() -> platform.transcript(thread).contains("Third done."), WAIT, () -> platform.transcript(thread));
        assertEquals(List.of("make a video", "make it brighter", "add music"),
                sim.chatMessages().stream().map(ChatMessage::text).toList(), "in the platform's order");
    }
}
