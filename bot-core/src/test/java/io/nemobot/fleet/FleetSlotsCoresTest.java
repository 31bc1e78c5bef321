package io.nemobot.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.CallUse;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.PostgresUrl;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.store.PostgresStore;
import io.nemobot.testing.Await;
import io.nemobot.testing.PostgresServer;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three bot processes (three cores, three pools) posting replies into one channel of a platform that takes
 * one new message a second per channel, like Slack's {@code chat.postMessage}, and refuses the rest. A share
 * cannot divide that limit (1/3 of one post a second still lets each process post once a second), so the
 * processes take turns in fleet-wide slots: over one PostgreSQL no post is refused, two conversations each;
 * as three lone processes (each its own SQLite, no slots) starting one conversation each, so that no process
 * posts twice, they draw refusals: the limit is the fleet's, not any one process's.
 */
class FleetSlotsCoresTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String DONE = "Your video is ready.";
    /** The platform's own rule, as the profile tells the core: a new message a second per channel. */
    private static final EditBudget POSTS = EditBudget.of("test posts", 1, SECOND,
            key -> key.workspace() + "/" + key.channel(), EnumSet.of(CallUse.POST)).keptInFleetSlots();

    @TempDir
    Path data;
    private NemoSimulator sim;
    private final RecordingPlatform platform = RecordingPlatform.withBudget("test", 2000, POSTS);
    private final List<BotCore> cores = new ArrayList<>();
    /** Per channel, when the platform last took a new message ({@code nanoTime}). */
    private final Map<String, Long> lastPost = new HashMap<>();
    private final List<String> refused = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
        // Enforced like the platform does, on the time each post reaches it, whichever process sent it.
        platform.faults(call -> {
            if (!call.kind().equals("post")) {
                return null;
            }
            String channel = call.thread().workspace() + "/" + call.thread().channel();
            Long last = lastPost.get(channel);
            if (last != null && call.atNanos() - last < SECOND.toNanos()) {
                refused.add(call.thread().thread());
                return ChatPlatformException.rateLimited(SECOND);
            }
            lastPost.put(channel, call.atNanos());
            return null;
        });
    }

    @AfterEach
    void stop() {
        cores.forEach(BotCore::close);
        sim.close();
    }

    private BotCore process(String id, PostgresUrl sharedOrNull) {
        Map<String, String> settings = Map.of("NEMO_INSTANCE_ID", id, "NEMO_FLEET_LEASE", "2s");
        BotCore.Builder builder = TestCores.builder(sim.baseUrl(), data.resolve(id), settings);
        if (sharedOrNull != null) {
            builder.store(PostgresStore.open(sharedOrNull));
        }
        BotCore core = builder.build();
        core.register(platform);
        core.start();
        cores.add(core);
        return core;
    }

    /** Each process starts {@code each} conversations in channel C1 at once; returns every thread. */
    private List<ThreadKey> converseInOneChannel(int each) {
        for (int i = 0; i < cores.size() * each; i++) {
            sim.enqueueTurn(Turn.agent().finalText(DONE));
        }
        List<ThreadKey> threads = new ArrayList<>();
        for (int c = 0; c < cores.size(); c++) {
            for (int t = 0; t < each; t++) {
                ThreadKey thread = new ThreadKey("test", "W1", "C1", "T-" + c + "-" + t);
                Author author = Author.human("U" + c + t, "User " + c + t);
                cores.get(c).conversations().accept(IncomingMessage.text(thread, author, "make a video", "e-" + c + "-" + t),
                        platform.thread(thread));
                threads.add(thread);
            }
        }
        Await.until(() -> threads.stream().allMatch(t -> platform.transcript(t).contains(DONE)), WAIT,
                () -> threads.stream().map(t -> t + ": " + platform.transcript(t)).collect(Collectors.joining("; ")));
        return threads;
    }

    private synchronized List<String> refusals() {
        synchronized (platform) { // the fault check runs under the platform's lock
            return List.copyOf(refused);
        }
    }

    @Test
    void threeProcessesOverOneDatabaseTakeTurnsPostingIntoAChannelAndDrawNoRefusal() {
        PostgresUrl database = PostgresServer.shared().createDatabase();
        for (String id : List.of("a", "b", "c")) {
            process(id, database);
        }
        List<ThreadKey> threads = converseInOneChannel(2);

        assertEquals(List.of(), refusals(), "no post over the channel's one a second");
        for (ThreadKey thread : threads) {
            assertEquals(1, platform.posted(thread).size(), "one message per reply: " + platform.transcript(thread));
        }
    }

    @Test
    void threeLoneProcessesPostMoreThanTheChannelTakes() {
        for (String id : List.of("a", "b", "c")) {
            process(id, null); // each its own SQLite store: a single-process fleet, no slots
        }
        converseInOneChannel(1);

        assertTrue(refusals().size() > 0, "each posts once, all at once: the channel refuses some");
    }
}
