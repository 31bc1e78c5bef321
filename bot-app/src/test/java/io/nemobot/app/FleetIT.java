package io.nemobot.app;

import static io.nemobot.slack.fake.SlackPayloads.envelope;
import static io.nemobot.slack.fake.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.PostgresUrl;
import io.nemobot.discord.fake.FakeDiscord;
import io.nemobot.discord.fake.FakeGuild;
import io.nemobot.discord.fake.FakeInteraction;
import io.nemobot.discord.fake.StoredMessage;
import io.nemobot.simulator.ChatMessage;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RecordedRequest;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.slack.fake.FakeSlack;
import io.nemobot.testing.Await;
import io.nemobot.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet end to end, as operators run it: three processes of the packaged jar over one real
 * PostgreSQL, the Nemo simulator, a fake Slack (events as signed HTTP requests to whichever process,
 * like a load balancer) and a fake Discord whose four gateway shards are split over two of them.
 * Processes start once for the class; the scenario that kills one runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The promise: a dead process's interrupted replies are explained within a minute. */
    private static final Duration TAKEOVER = Duration.ofSeconds(60);
    /** The end of the simulator's demo reply: a turn that shows it has completed. */
    private static final String DONE = "Say export to render it.";
    private static final String USER = "U0FLEET";
    private static final String LINK = "https://cdn.example/fleet-e2e.mp4";
    private static final AtomicInteger TS = new AtomicInteger();

    /** Each process's folder and log, kept after the run for a look at what happened. */
    static final Path work = Path.of("target", "fleet-it");
    static PostgresUrl database;
    static NemoSimulator sim;
    static FakeSlack slack;
    static FakeDiscord discord;
    static List<FakeGuild> guilds;
    static BotProcess one;
    static BotProcess two;
    static BotProcess three;
    static List<BotProcess> fleet = new ArrayList<>();
    static final Map<String, Long> emitted = new ConcurrentHashMap<>();

    @BeforeAll
    static void startFleet() {
        database = PostgresServer.shared().createDatabase();
        FleetFiles.deleteTree(work);
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
        sim.onChunkEmitted((session, text, nanos) -> emitted.put(text, nanos));
        slack = FakeSlack.start();
        discord = FakeDiscord.start(Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
                Permission.MESSAGE_EMBED_LINKS, Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS), 4);
        guilds = List.of(new FakeGuild(discord.guildId(), discord.textChannelId()), discord.addGuild(0),
                discord.addGuild(1), discord.addGuild(2), discord.addGuild(3), discord.addGuild(1), discord.addGuild(2));

        Map<String, String> common = new HashMap<>();
        common.put("NEMO_DATABASE_URL", database.jdbcUrl() + "?user=" + database.user());
        common.put("NEMO_API_BASE", sim.baseUrl());
        common.put("NEMO_FLEET_LEASE", "3s"); // short for the test, long enough for a process starved of CPU a moment
        common.put("NEMO_RENDER_POLL_INTERVAL", "300ms");
        common.put("NEMO_LOG_LEVEL", "INFO");
        common.put("NEMO_USER_MAX_ACTIVE", "50"); // one fake Discord user runs every server's /video at once
        common.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        common.put("SLACK_SIGNING_SECRET", io.nemobot.slack.fake.SignedRequests.SIGNING_SECRET);
        common.put("SLACK_API_URL", slack.apiUrl());
        Map<String, String> discordLow = new HashMap<>(common);
        discordLow.putAll(discord.settings());
        discordLow.put("DISCORD_SHARD_TOTAL", "4");
        Map<String, String> discordHigh = new HashMap<>(discordLow);
        discordLow.put("DISCORD_SHARDS", "0-1");
        discordHigh.put("DISCORD_SHARDS", "2,3");
        // The process the last scenario kills polls its render once, at submission, and then not for an
        // hour: the render is still "rendering" when it dies, and only a survivor can finish it.
        Map<String, String> slackOnly = new HashMap<>(common);
        slackOnly.put("NEMO_RENDER_POLL_INTERVAL", "1h");

        one = BotProcess.launch("fleet-1", work, discordLow);
        two = BotProcess.launch("fleet-2", work, discordHigh);
        three = BotProcess.launch("fleet-3", work, slackOnly);
        fleet.addAll(List.of(one, two, three));
        // Each process is looked at the moment /readyz first says 200: a load balancer sends it Slack's
        // requests from then on, so its Slack endpoint must be up by then (not only its Discord shards).
        Set<BotProcess> ready = new HashSet<>();
        List<String> readyTooSoon = new ArrayList<>();
        Await.until(() -> {
            for (BotProcess p : fleet) {
                if (!ready.contains(p) && p.readyz() == 200) {
                    ready.add(p);
                    if (!p.slackListening()) {
                        readyTooSoon.add(p.name());
                    }
                }
            }
            return ready.size() == fleet.size() || fleet.stream().anyMatch(p -> !p.alive());
        }, START, FleetIT::logs);
        fleet.forEach(p -> assertTrue(p.alive(), "started\n" + logs()));
        assertEquals(List.of(), readyTooSoon, "ready before Slack listened\n" + logs());
    }

    @AfterAll
    static void stopFleet() {
        fleet.forEach(BotProcess::close);
        if (sim != null) {
            sim.releaseHangs();
            sim.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Test
    @Order(1)
    void slackConversationsSpreadOverAllThreeProcessesAllComplete() {
        List<Long> before = fleet.stream().map(BotProcess::turns).toList();
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String root = ts();
            roots.add(root);
            deliver(fleet.get(i % 3), message(dm(root), USER, "a-video about harbour " + i, root, null));
        }

        for (String root : roots) {
            awaitSlack(root, DONE, 1);
        }
        Await.until(() -> deltas(before).equals(List.of(3L, 3L, 3L)), WAIT, () -> "turns per process " + deltas(before));
        List<ChatMessage> chats = sim.chatMessages().stream().filter(c -> c.text().startsWith("a-video")).toList();
        assertEquals(9, chats.size(), "each conversation reached the backend once: " + chats);
        assertEquals(9, chats.stream().map(ChatMessage::sessionId).distinct().count(), "a session per conversation");
        assertEquals(1, sim.anonymousTokensIssued(), "one anonymous token for the fleet, fetched under a lock");
    }

    @Test
    @Order(2)
    void aThreadsConsecutiveMessagesOnDifferentProcessesRunInOrderOnOneSession() {
        CountDownLatch secondDelivered = new CountDownLatch(1);
        CountDownLatch thirdDelivered = new CountDownLatch(1);
        sim.enqueueTurn(Turn.agent().text("Part one ").pauseUntil(secondDelivered).finalText("Part one done."));
        sim.enqueueTurn(Turn.agent().text("Part two ").pauseUntil(thirdDelivered).finalText("Part two done."));
        sim.enqueueTurn(Turn.agent().text("Part three ").finalText("Part three done."));
        String root = ts();

        deliver(one, message(dm(root), USER, "b-first", root, null));
        awaitShown(root, "Part one");
        deliver(two, message(dm(root), USER, "b-second", ts(), root)); // while the first still runs on fleet-1
        secondDelivered.countDown();
        awaitShown(root, "Part two");
        deliver(three, message(dm(root), USER, "b-third", ts(), root)); // while the second still runs on fleet-2
        thirdDelivered.countDown();
        awaitSlack(root, "Part three done.", 1);

        List<ChatMessage> chats = sim.chatMessages().stream().filter(c -> c.text().startsWith("b-")).toList();
        assertEquals(List.of("b-first", "b-second", "b-third"), chats.stream().map(ChatMessage::text).toList());
        assertEquals(1, chats.stream().map(ChatMessage::sessionId).distinct().count(), "one session: " + chats);
        assertTrue(chatReceivedAt("b-second") > emitted.get("Part one done."),
                "the second message reached the backend only after the first turn ended");
        assertTrue(chatReceivedAt("b-third") > emitted.get("Part two done."),
                "the third message reached the backend only after the second turn ended");
        assertEquals(1, slack.thread(dm(root), root).stream().filter(m -> m.text().contains("Part one done.")).count());
    }

    @Test
    @Order(3)
    void aRetriedEventReachingTwoProcessesIsOneTurn() {
        String root = ts();
        String event = envelope(message(dm(root), USER, "c-once", root, null));

        assertEquals(200, one.slack().event(event).status());
        assertEquals(200, two.slack().retry(event, 1).status(), "the retry is acknowledged, so Slack stops retrying");
        // fleet-2 runs its messages of a thread in arrival order: had it taken the retry, that turn would come first.
        deliver(two, message(dm(root), USER, "c-after", ts(), root));
        awaitSlack(root, DONE, 2);

        assertEquals(List.of("c-once", "c-after"), sim.chatMessages().stream().map(ChatMessage::text)
                .filter(t -> t.startsWith("c-")).toList(), "the retried message reached the backend once");
        assertEquals(2, slack.thread(dm(root), root).stream().filter(m -> m.text().contains(DONE)).count(),
                "one reply per message: " + slack.thread(dm(root), root));
    }

    @Test
    @Order(4)
    void discordServersOnFourShardsOfTwoProcessesAreEachAnsweredByExactlyOneProcess() {
        List<Long> before = fleet.stream().map(BotProcess::turns).toList();
        Set<String> identified = discord.identifies().stream().map(d -> d.getArray("shard").toString())
                .collect(Collectors.toSet());
        assertEquals(Set.of("[0,4]", "[1,4]", "[2,4]", "[3,4]"), identified);
        assertEquals(4, discord.identifies().size(), "each shard connected by one process, once");
        assertEquals(1, discord.calls("PUT", "applications/.*commands").size(), "slash commands registered once");

        List<FakeInteraction> videos = new ArrayList<>();
        for (FakeGuild guild : guilds) {
            videos.add(discord.slash(guild.textChannelId(), "video", Map.of("prompt", "e-lighthouse in " + guild.id())));
        }
        String dm = discord.userMessage(discord.dmChannelId(), "e-a rainy street");
        List<String> threads = new ArrayList<>();
        for (FakeInteraction video : videos) {
            threads.add(discord.await("the thread of /video " + video.id(), WAIT,
                    () -> Optional.ofNullable(video.originalId()).filter(id -> discord.threadsOpenedByBot().contains(id))));
        }
        for (String thread : threads) {
            awaitDiscord(thread, 1);
            discord.userMessage(thread, "e-make it longer");
        }
        threads.forEach(thread -> awaitDiscord(thread, 2));
        awaitDiscord(discord.dmChannelId(), 1);

        long low = guilds.stream().filter(g -> discord.shardOf(g.id()) < 2).count();
        List<Long> expected = List.of(2 * low + 1, 2 * (guilds.size() - low), 0L);
        Await.until(() -> deltas(before).equals(expected), WAIT, () -> "turns per process " + deltas(before)
                + ", expected " + expected);
        for (int i = 0; i < videos.size(); i++) {
            assertEquals(1, discord.calls("POST", "interactions/" + videos.get(i).id() + "/.*").size(),
                    "the /video was acknowledged once");
            assertEquals(2, answers(threads.get(i)), "each message in the thread answered once");
        }
        assertEquals(1, answers(discord.dmChannelId()), "the DM answered once: " + dm);
        assertEquals(2 * guilds.size() + 1, sim.chatMessages().stream().filter(c -> c.text().startsWith("e-")).count());
    }

    @Test
    @Order(5)
    void aProcessKilledMidTurnAndMidRenderIsCoveredBySurvivors() throws Exception {
        String renderRoot = ts();
        deliver(three, message(dm(renderRoot), USER, "d-a video to render", renderRoot, null));
        awaitSlack(renderRoot, DONE, 1);
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(10), RenderStep.processing(60),
                RenderStep.completed(LINK)));
        deliver(three, message(dm(renderRoot), USER, "export", ts(), renderRoot));
        awaitShown(renderRoot, "Rendering");
        sim.awaitRequests(Endpoint.RENDER_POLL, 1, WAIT);
        Await.until(() -> stored("SELECT progress_message FROM pending_renders").isPresent(), WAIT,
                () -> "no render stored with its progress message" + logs());

        sim.enqueueTurn(Turn.agent().text("Storyboarding the scenes").toolCall("generate_video").hang());
        String turnRoot = ts();
        deliver(three, message(dm(turnRoot), USER, "d-a long video", turnRoot, null));
        awaitShown(turnRoot, "Storyboarding the scenes");
        String query = "SELECT message FROM open_turns WHERE thread_key LIKE '%" + turnRoot + "'";
        Await.until(() -> stored(query).isPresent(), WAIT, () -> "no open turn stored" + logs());
        String reply = stored(query).orElseThrow();

        three.kill();
        long killed = System.nanoTime();

        Await.until(() -> slack.message(reply).map(m -> m.text().contains("I restarted while working on this"))
                .orElse(false), TAKEOVER, () -> "the interrupted reply: " + slack.thread(dm(turnRoot), turnRoot) + logs());
        Await.until(() -> slack.thread(dm(renderRoot), renderRoot).stream().anyMatch(m -> m.text().contains(LINK))
                && slack.thread(dm(renderRoot), renderRoot).stream().noneMatch(m -> m.text().contains("⏳")), TAKEOVER,
                () -> "the render's link, its progress ended: " + slack.thread(dm(renderRoot), renderRoot) + logs());
        assertTrue(Duration.ofNanos(System.nanoTime() - killed).compareTo(TAKEOVER) < 0);
        for (FakeSlack.Message m : slack.thread(dm(turnRoot), turnRoot)) {
            assertFalse(m.text().contains("⏳") || m.text().equals("🎬 On it…") || m.streaming(),
                    "nothing left looking alive: " + m);
        }
        assertEquals(1, sim.chatMessages().stream().filter(c -> c.text().equals("d-a long video")).count(),
                "the interrupted message was not sent to the backend again");
        assertEquals(1, slack.messages().stream().filter(m -> m.text().contains(LINK)).count(),
                "the link is posted once: " + slack.thread(dm(renderRoot), renderRoot));
        assertEquals(1, sim.renderIds().size(), "the render was not submitted again");
        Await.until(() -> stored(query).isEmpty(), WAIT, () -> "the turn is still recorded as open");
    }

    // ---- helpers

    private static String ts() {
        return "1700001000." + String.format("%06d", TS.incrementAndGet());
    }

    /** A direct-message channel per conversation, so each conversation's thread is its own. */
    private static String dm(String root) {
        return "D0" + root.substring(root.indexOf('.') + 1);
    }

    private static void deliver(BotProcess process, com.google.gson.JsonObject event) {
        assertEquals(200, process.slack().event(envelope(event)).status(), process.name() + " took the event");
    }

    /** Waits until {@code count} finished (no longer streaming) bot messages of the thread contain the text. */
    private static void awaitSlack(String root, String text, int count) {
        Await.until(() -> slack.thread(dm(root), root).stream().filter(m -> !m.streaming() && m.text().contains(text))
                .count() >= count, WAIT, () -> "'" + text + "' x" + count + " in " + slack.thread(dm(root), root) + logs());
    }

    /** Waits until a bot message of the thread shows the text, finished or still streaming. */
    private static void awaitShown(String root, String text) {
        Await.until(() -> slack.thread(dm(root), root).stream().anyMatch(m -> m.text().contains(text)), WAIT,
                () -> "'" + text + "' in " + slack.thread(dm(root), root) + logs());
    }

    private static void awaitDiscord(String channel, int count) {
        Await.until(() -> answers(channel) >= count, WAIT, () -> "replies in " + channel + ": "
                + discord.messagesIn(channel).stream().map(StoredMessage::content).toList() + logs());
    }

    /** The bot's messages in a Discord channel that show a completed reply. */
    private static long answers(String channel) {
        return discord.messagesIn(channel).stream().filter(m -> m.authorId().equals(discord.botId()))
                .filter(m -> m.content().contains(DONE)).count();
    }

    private static List<Long> deltas(List<Long> before) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < fleet.size(); i++) {
            out.add(fleet.get(i).alive() ? fleet.get(i).turns() - before.get(i) : 0);
        }
        return out;
    }

    private static long chatReceivedAt(String text) {
        return sim.requests(Endpoint.CHAT).stream().filter(r -> r.body() != null && r.body().contains("\"" + text + "\""))
                .mapToLong(RecordedRequest::receivedAtNanos).findFirst().orElseThrow();
    }

    private static Optional<String> stored(String query) {
        return FleetFiles.stored(database, query);
    }

    private static String logs() {
        return "\n" + fleet.stream().map(BotProcess::logTail).collect(Collectors.joining("\n"));
    }
}
