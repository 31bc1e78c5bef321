package io.nemobot.discord.fake;

import io.nemobot.testing.CoreTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import okio.Buffer;
import okio.ByteString;

/**
 * A fake Discord on loopback, enough for the real JDA client: REST under {@link #restUrl()}, the
 * gateway at {@link #gatewayUrl()}, attachments under {@code /cdn/}. One test server ("guild") with
 * one text channel, one human, one other bot, and a DM channel with the human. Everything that
 * changes notifies waiters, so tests wait on conditions with a deadline instead of sleeping.
 */
public final class FakeDiscord implements AutoCloseable {
    /** An obviously fake token in Discord's three-part shape. */
    public static final String TOKEN = "fake-discord-token.only-for-tests.not-a-secret";
    private static final String API = "/api/v10/";

    private final Object lock = new Object();
    private final MockWebServer server = new MockWebServer();
    private final long everyonePermissions;
    private final String guildId = Snowflakes.next();
    private final String textChannelId = Snowflakes.next();
    private final String botId = Snowflakes.next();
    private final String applicationId = Snowflakes.next();
    private final String userId = Snowflakes.next();
    private final String otherBotId = Snowflakes.next();
    private final String dmChannelId = Snowflakes.next();
    private final FakeGateway gateway;
    private final int shardTotal;
    /** Every server by id, with its one text channel; the first is the test server of {@link #guildId()}. */
    private final Map<String, String> guilds = new LinkedHashMap<>();

    private final List<RecordedCall> calls = new ArrayList<>();
    private final Map<String, StoredMessage> messages = new LinkedHashMap<>();
    private final Map<String, DataObject> threads = new LinkedHashMap<>();
    private final Map<String, FakeInteraction> interactionsByToken = new HashMap<>();
    private final Map<String, FakeInteraction> interactionsById = new HashMap<>();
    private final Map<String, byte[]> cdnFiles = new HashMap<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private DataArray registeredCommands = DataArray.empty();
    private Duration interactionTokenLifetime = Duration.ofMinutes(15);
    private volatile Clock clock = Clock.systemUTC();
    private int interactionCounter;
    private String userLocale = "en-US";

    private record Refusal(String method, String pathRegex, int status, DataObject body) {
    }

    private volatile boolean ownedByTheUser = true;

    private FakeDiscord(long everyonePermissions, int shardTotal) {
        this.everyonePermissions = everyonePermissions;
        this.shardTotal = shardTotal;
        guilds.put(guildId, textChannelId);
        this.gateway = new FakeGateway(lock, TOKEN, shardTotal, this::readyPayload, this::guildCreates);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeDiscord.this.dispatch(request);
            }
        });
    }

    /**
     * The test server belongs to someone else, so the user has only the permissions everyone has (by
     * default the user owns it, which grants every permission). Call before the adapter connects.
     */
    public void ownedBySomeoneElse() {
        ownedByTheUser = false;
    }

    /** Starts a fake whose test server grants everyone (the bot included) the given permissions. */
    public static FakeDiscord start(long everyonePermissions) {
        return start(everyonePermissions, 1);
    }

    /** A fake whose bot has {@code shardTotal} shards: clients must IDENTIFY with that total. */
    public static FakeDiscord start(long everyonePermissions, int shardTotal) {
        FakeDiscord discord = new FakeDiscord(everyonePermissions, shardTotal);
        try {
            discord.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return discord;
    }

    // ---- addresses and ids ----

    public String restUrl() {
        return server.url(API).toString();
    }

    public String gatewayUrl() {
        return "ws://" + server.getHostName() + ":" + server.getPort() + "/gateway";
    }

    /** The settings that point the bot here. */
    public Map<String, String> settings() {
        return Map.of("DISCORD_TOKEN", TOKEN, "DISCORD_API_URL", restUrl(), "DISCORD_GATEWAY_URL", gatewayUrl());
    }

    public String guildId() {
        return guildId;
    }

    public String textChannelId() {
        return textChannelId;
    }

    /** Adds a server (with the bot in it) whose events Discord routes to the given shard. */
    public FakeGuild addGuild(int shard) {
        FakeGuild guild = new FakeGuild(Snowflakes.onShard(shard, shardTotal), Snowflakes.next());
        synchronized (lock) {
            guilds.put(guild.id(), guild.textChannelId());
        }
        return guild;
    }

    /** The shard Discord routes a server's events to. */
    public int shardOf(String guildId) {
        return gateway.shardOf(guildId);
    }

    public String botId() {
        return botId;
    }

    public String applicationId() {
        return applicationId;
    }

    public String userId() {
        return userId;
    }

    public String dmChannelId() {
        return dmChannelId;
    }

    // ---- what tests make happen ----

    /**
     * The time the fake stamps calls and interactions with, and ages interaction tokens by (the
     * system's unless a test puts the fake on its bot's manual time). Call before the bot connects.
     */
    public FakeDiscord clock(Clock value) {
        synchronized (lock) {
            clock = value;
        }
        return this;
    }

    /** Interaction tokens (callbacks and webhook edits) stop working this long after the interaction. */
    public void interactionTokenLifetime(Duration lifetime) {
        synchronized (lock) {
            interactionTokenLifetime = lifetime;
        }
    }

    /** The next call matching method and path (below the REST base) gets this refusal instead. */
    public void refuseNext(String method, String pathRegex, int status, DataObject body) {
        synchronized (lock) {
            refusals.add(new Refusal(method, pathRegex, status, body));
        }
    }

    /** Puts a file on the fake CDN and returns its signed-looking URL. */
    public String cdnFile(String fileName, byte[] bytes) {
        String path = "/cdn/attachments/" + Snowflakes.next() + "/" + fileName;
        synchronized (lock) {
            cdnFiles.put(path, bytes.clone());
        }
        return server.url(path).newBuilder().addQueryParameter("ex", "6a1b2c3d").addQueryParameter("hm", "f00d")
                .build().toString();
    }

    /** The language of the user's Discord client from now on ({@code en-US}, {@code zh-CN}). */
    public void userLocale(String locale) {
        synchronized (lock) {
            userLocale = locale;
        }
    }

    /** A user runs a slash command in a channel (the text channel, a thread, or the DM). */
    public FakeInteraction slash(String channelId, String name, DataArray options, DataObject resolved) {
        DataObject data = DataObject.empty().put("id", Snowflakes.next()).put("name", name).put("type", 1)
                .put("options", options).put("resolved", resolved);
        return interact(channelId, 2, data, null);
    }

    /** A slash command with string options only. */
    public FakeInteraction slash(String channelId, String name, Map<String, String> options) {
        DataArray array = DataArray.empty();
        options.forEach((key, value) -> array.add(DataObject.empty().put("name", key).put("type", 3)
                .put("value", value)));
        return slash(channelId, name, array, DataObject.empty());
    }

    /** {@code /name sub}. */
    public FakeInteraction subcommand(String channelId, String name, String sub) {
        DataArray options = DataArray.empty().add(DataObject.empty().put("name", sub).put("type", 1)
                .put("options", DataArray.empty()));
        return slash(channelId, name, options, DataObject.empty());
    }

    /** A user clicks a button of a message. */
    public FakeInteraction click(String messageId, String customId) {
        StoredMessage message = message(messageId).orElseThrow();
        DataObject data = DataObject.empty().put("custom_id", customId).put("component_type", 2);
        FakeInteraction interaction = interact(message.channelId(), 3, data, messageJson(message));
        interaction.clicked(messageId);
        return interaction;
    }

    /** The human writes in a channel, with attachments (see {@link DiscordPayloads#attachment}). */
    public String userMessage(String channelId, String content, DataObject... attachments) {
        return message(channelId, DiscordPayloads.user(userId, "Alice", false), content, attachments);
    }

    /** Another bot writes in a channel. */
    public String otherBotMessage(String channelId, String content) {
        return message(channelId, DiscordPayloads.user(otherBotId, "OtherBot", true), content);
    }

    /** A user starts a thread of their own (not the bot's) in the text channel, and returns its id. */
    public String userThread(String name) {
        String id = Snowflakes.next();
        DataObject thread = DiscordPayloads.thread(guildId, textChannelId, id, name, userId, false, false);
        synchronized (lock) {
            threads.put(id, thread);
            lock.notifyAll();
        }
        gateway.dispatch(guildId, "THREAD_CREATE", thread.put("newly_created", true));
        return id;
    }

    /** Archives (and maybe locks) a thread: writes then fail as on Discord. */
    public void archive(String threadId, boolean locked) {
        synchronized (lock) {
            DataObject thread = threads.get(threadId);
            thread.getObject("thread_metadata").put("archived", true).put("locked", locked);
        }
    }

    /** Refuses IDENTIFY with close code 4014 when it asks for any of these intents (raw bits). */
    public void disallowIntents(int intents) {
        gateway.disallow(intents);
    }

    /** Drops the gateway connection (close code 4000); JDA should resume. */
    public void dropGateway() {
        gateway.drop();
    }

    /**
     * Drops the gateway connection like {@link #dropGateway()} and waits until the server has seen it
     * closed, so what a test does next happens after the drop, never while the old connection lingers.
     */
    public void dropGatewayAndAwait(Duration timeout) {
        int closed;
        synchronized (lock) {
            closed = gateway.drops() + gateway.drop();
        }
        await("every gateway connection closed", timeout, () -> gateway.drops() >= closed ? Optional.of(true)
                : Optional.empty());
    }

    // ---- what tests look at ----

    /**
     * Waits until the probe returns a value, moving the bot's manual time as it looks (see
     * {@link CoreTime#await}), or fails after {@link CoreTime#WAIT} of real time saying what was awaited.
     */
    public <T> T await(String what, CoreTime time, Supplier<Optional<T>> probe) {
        return time.await(probe, () -> "timed out waiting for " + what + "; " + seen());
    }

    private String seen() {
        synchronized (lock) {
            return "calls so far:\n" + String.join("\n", calls.stream().map(Object::toString).toList())
                    + "\nmessages:\n" + String.join("\n", messages.values().stream()
                            .map(m -> m.id() + " in " + m.channelId() + ": " + m.versions()).toList());
        }
    }

    /** Waits until the probe returns a value, or fails after the time-out saying what was awaited. */
    public <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                            + "; " + seen());
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Waits for a call matching the predicate and returns the first such. */
    public RecordedCall awaitCall(String what, Duration timeout, Predicate<RecordedCall> predicate) {
        return await(what, timeout, () -> calls().stream().filter(predicate).findFirst());
    }

    public void awaitGatewayLive(Duration timeout) {
        await("a live gateway session", timeout, () -> gateway.live() ? Optional.of(true) : Optional.empty());
    }

    public List<RecordedCall> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    public List<RecordedCall> calls(String method, String pathRegex) {
        return calls().stream().filter(call -> call.is(method, pathRegex)).toList();
    }

    public Optional<StoredMessage> message(String id) {
        synchronized (lock) {
            return Optional.ofNullable(messages.get(id));
        }
    }

    public List<StoredMessage> messagesIn(String channelId) {
        synchronized (lock) {
            return messages.values().stream().filter(m -> m.channelId().equals(channelId)).toList();
        }
    }

    /** The threads the bot opened, by id. */
    public List<String> threadsOpenedByBot() {
        synchronized (lock) {
            return threads.values().stream().filter(t -> t.getString("owner_id").equals(botId))
                    .map(t -> t.getString("id")).toList();
        }
    }

    public Optional<String> threadName(String threadId) {
        synchronized (lock) {
            return Optional.ofNullable(threads.get(threadId)).map(t -> t.getString("name"));
        }
    }

    public DataArray registeredCommands() {
        synchronized (lock) {
            return registeredCommands;
        }
    }

    /** How many requests reached the CDN. */
    public long cdnRequests() {
        return calls().stream().filter(call -> call.path().startsWith("/cdn/")).count();
    }

    public int gatewayIdentifies() {
        synchronized (lock) {
            return gateway.identifies();
        }
    }

    /** Every IDENTIFY so far, in order. */
    public List<DataObject> identifies() {
        synchronized (lock) {
            return gateway.allIdentifies();
        }
    }

    /** The shards with a live gateway session, ascending. */
    public List<Integer> liveShards() {
        synchronized (lock) {
            return gateway.liveShards();
        }
    }

    public DataObject lastIdentify() {
        synchronized (lock) {
            return gateway.lastIdentify();
        }
    }

    public int gatewayResumes() {
        synchronized (lock) {
            return gateway.resumes();
        }
    }

    public int heartbeats() {
        synchronized (lock) {
            return gateway.heartbeats();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- gateway payloads ----

    private DataObject botUser() {
        return DiscordPayloads.user(botId, "Nemo", true).put("verified", true).put("mfa_enabled", false);
    }

    private DataObject human() {
        return DiscordPayloads.user(userId, "Alice", false);
    }

    private DataObject readyPayload(int shard) {
        DataArray unavailable = DataArray.empty();
        guildsOn(shard).forEach(id -> unavailable.add(DataObject.empty().put("id", id).put("unavailable", true)));
        return DataObject.empty().put("v", 10).put("user", botUser())
                .put("guilds", unavailable)
                .put("private_channels", DataArray.empty())
                .put("resume_gateway_url", gatewayUrl())
                .put("application", DataObject.empty().put("id", applicationId).put("flags", 0))
                .put("presences", DataArray.empty()).put("relationships", DataArray.empty());
    }

    private List<String> guildsOn(int shard) {
        synchronized (lock) {
            return guilds.keySet().stream().filter(id -> gateway.shardOf(id) == shard).toList();
        }
    }

    private List<DataObject> guildCreates(int shard) {
        return guildsOn(shard).stream().map(this::guildCreatePayload).toList();
    }

    /** The server of a text channel or thread; null for the DM. */
    private String guildOf(String channelId) {
        DataObject thread = threads.get(channelId);
        if (thread != null) {
            return thread.getString("guild_id");
        }
        return guilds.entrySet().stream().filter(e -> e.getValue().equals(channelId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private DataObject guildCreatePayload(String guildId) {
        String textChannelId = guilds.get(guildId);
        DataArray activeThreads = DataArray.empty();
        synchronized (lock) {
            threads.values().stream()
                    .filter(t -> t.getString("guild_id").equals(guildId))
                    .filter(t -> !t.getObject("thread_metadata").getBoolean("archived"))
                    .forEach(activeThreads::add);
        }
        return DataObject.empty().put("id", guildId).put("name", "Nemo Test Server").put("unavailable", false)
                .put("owner_id", ownedByTheUser ? userId : "1000000000000000001").put("member_count", 3)
                .put("large", false).put("joined_at",
                        DiscordPayloads.now())
                .put("roles", DataArray.empty().add(DiscordPayloads.everyoneRole(guildId, everyonePermissions)))
                .put("channels", DataArray.empty().add(DiscordPayloads.textChannel(guildId, textChannelId, "general")))
                .put("threads", activeThreads)
                .put("members", DataArray.empty().add(DiscordPayloads.member(botUser(), everyonePermissions)))
                .put("emojis", DataArray.empty()).put("stickers", DataArray.empty())
                .put("voice_states", DataArray.empty()).put("presences", DataArray.empty())
                .put("guild_scheduled_events", DataArray.empty()).put("stage_instances", DataArray.empty())
                .put("soundboard_sounds", DataArray.empty()).put("features", DataArray.empty())
                .put("preferred_locale", "en-US").put("premium_tier", 0).put("verification_level", 0)
                .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
                .put("nsfw_level", 0).put("system_channel_id", null).put("afk_channel_id", null).put("afk_timeout", 300)
                .put("premium_progress_bar_enabled", false);
    }

    private boolean isDm(String channelId) {
        return dmChannelId.equals(channelId);
    }

    private DataObject channelJson(String channelId) {
        if (isDm(channelId)) {
            return DiscordPayloads.dmChannel(dmChannelId, human());
        }
        DataObject thread = threads.get(channelId);
        if (thread != null) {
            return DataObject.fromJson(thread.toString());
        }
        String guild = guildOf(channelId);
        return DiscordPayloads.textChannel(guild, guilds.get(guild), "general");
    }

    private FakeInteraction interact(String channelId, int type, DataObject data, DataObject messageOrNull) {
        FakeInteraction interaction;
        DataObject payload;
        synchronized (lock) {
            interaction = new FakeInteraction(Snowflakes.next(), "fake-interaction-token-" + (++interactionCounter),
                    channelId, clock.instant());
            interactionsByToken.put(interaction.token(), interaction);
            interactionsById.put(interaction.id(), interaction);
            payload = DataObject.empty().put("id", interaction.id()).put("application_id", applicationId)
                    .put("type", type).put("token", interaction.token()).put("version", 1).put("data", data)
                    .put("channel_id", channelId).put("channel", channelJson(channelId))
                    .put("locale", userLocale).put("app_permissions", Long.toString(everyonePermissions))
                    .put("entitlements", DataArray.empty()).put("attachment_size_limit", 10_485_760);
            if (isDm(channelId)) {
                payload.put("user", human()).put("context", 1)
                        .put("authorizing_integration_owners", DataObject.empty().put("0", userId));
            } else {
                String guildId = guildOf(channelId);
                payload.put("guild_id", guildId).put("guild_locale", "en-US")
                        .put("guild", DataObject.empty().put("id", guildId).put("locale", "en-US")
                                .put("features", DataArray.empty()))
                        .put("member", DiscordPayloads.member(human(), everyonePermissions))
                        .put("context", 0)
                        .put("authorizing_integration_owners", DataObject.empty().put("0", guildId));
            }
            if (messageOrNull != null) {
                payload.put("message", messageOrNull);
            }
        }
        gateway.dispatch(payload.getString("guild_id", null), "INTERACTION_CREATE", payload);
        return interaction;
    }

    private String message(String channelId, DataObject author, String content, DataObject... attachments) {
        String id = Snowflakes.next();
        DataArray files = DataArray.empty();
        for (DataObject attachment : attachments) {
            files.add(attachment);
        }
        String guild;
        synchronized (lock) {
            guild = guildOf(channelId);
        }
        DataObject json = DiscordPayloads.message(id, channelId, guild, author, content, files, DataArray.empty());
        if (guild != null) {
            json.put("member", DiscordPayloads.member(author, everyonePermissions).remove("user"));
        }
        synchronized (lock) {
            messages.put(id, new StoredMessage(id, channelId, author.getString("id"), content));
            lock.notifyAll();
        }
        gateway.dispatch(guild, "MESSAGE_CREATE", json);
        return id;
    }

    private DataObject messageJson(StoredMessage message) {
        String guild = guildOf(message.channelId());
        DataObject author = message.authorId().equals(botId) ? botUser() : human();
        return DiscordPayloads.message(message.id(), message.channelId(), guild, author, message.content(),
                DataArray.empty(), message.components());
    }

    // ---- REST ----

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if ("/gateway".equals(path)) {
            return new MockResponse.Builder().webSocketUpgrade(gateway).build();
        }
        ByteString bytes = request.getBody();
        String body = bytes == null ? "" : bytes.utf8();
        synchronized (lock) {
            Reply reply = authorized(path, request.getHeaders().get("Authorization"))
                    ? route(request.getMethod(), path, body)
                    : Reply.error(401, 0, "401: Unauthorized");
            calls.add(new RecordedCall(request.getMethod(), path.startsWith(API) ? path.substring(API.length())
                    : path, body, request.getHeaders().get("Authorization"), reply.status(), clock.instant()));
            lock.notifyAll();
            return reply.toResponse();
        }
    }

    /** Bot routes need the bot token; interaction callbacks, interaction webhooks and the CDN need none. */
    private static boolean authorized(String path, String authorization) {
        boolean open = path.startsWith("/cdn/") || path.startsWith(API + "interactions/")
                || path.startsWith(API + "webhooks/");
        return open || ("Bot " + TOKEN).equals(authorization);
    }

    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, Object json) {
            return new Reply(status, "application/json", json.toString().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }

        static Reply error(int status, int code, String message) {
            return json(status, DataObject.empty().put("message", message).put("code", code));
        }

        static Reply empty() {
            return new Reply(204, null, new byte[0]);
        }

        MockResponse toResponse() {
            MockResponse.Builder builder = new MockResponse.Builder().code(status);
            if (contentType != null) {
                builder.setHeader("Content-Type", contentType).body(new Buffer().write(body));
            }
            return builder.build();
        }
    }

    private Reply route(String method, String path, String body) {
        if (path.startsWith("/cdn/")) {
            byte[] file = cdnFiles.get(path);
            return file == null ? Reply.error(404, 0, "404: Not Found") : new Reply(200,
                    "application/octet-stream", file);
        }
        if (!path.startsWith(API)) {
            return Reply.error(404, 0, "404: Not Found");
        }
        String route = path.substring(API.length());
        for (Refusal refusal : refusals) {
            if (refusal.method().equals(method) && route.matches(refusal.pathRegex())) {
                refusals.remove(refusal);
                return Reply.json(refusal.status(), refusal.body());
            }
        }
        String[] p = route.split("/");
        DataObject json = body.isBlank() || !body.strip().startsWith("{") && !body.strip().startsWith("[")
                ? DataObject.empty()
                : body.strip().startsWith("[") ? DataObject.empty().put("array", DataArray.fromJson(body))
                        : DataObject.fromJson(body);
        if (method.equals("GET") && route.equals("gateway/bot")) {
            return Reply.json(200, DataObject.empty().put("url", gatewayUrl()).put("shards", shardTotal)
                    .put("session_start_limit", DataObject.empty().put("total", 1000).put("remaining", 1000)
                            .put("reset_after", 0).put("max_concurrency", 1)));
        }
        if (method.equals("GET") && route.equals("users/@me")) {
            return Reply.json(200, botUser());
        }
        if (method.equals("PUT") && p[0].equals("applications") && p[p.length - 1].equals("commands")) {
            return registerCommands(json.getArray("array"));
        }
        if (method.equals("POST") && p[0].equals("interactions") && p.length == 4 && p[3].equals("callback")) {
            return callback(p[1], p[2], json);
        }
        if (p[0].equals("webhooks") && p.length >= 3) {
            return webhook(method, p, json);
        }
        if (p[0].equals("channels") && p.length >= 3) {
            return channel(method, p, json);
        }
        return Reply.error(404, 0, "404: Not Found");
    }

    private Reply registerCommands(DataArray commands) {
        DataArray answer = DataArray.empty();
        for (int i = 0; i < commands.length(); i++) {
            DataObject command = commands.getObject(i);
            answer.add(command.put("id", Snowflakes.next()).put("application_id", applicationId)
                    .put("version", Snowflakes.next()).put("type", command.getInt("type", 1)));
        }
        registeredCommands = answer;
        return Reply.json(200, answer);
    }

    private Optional<FakeInteraction> liveInteraction(String token) {
        FakeInteraction interaction = interactionsByToken.get(token);
        if (interaction == null || interaction.age(clock.instant()).compareTo(interactionTokenLifetime) > 0) {
            return Optional.empty();
        }
        return Optional.of(interaction);
    }

    private Reply callback(String interactionId, String token, DataObject json) {
        Optional<FakeInteraction> live = liveInteraction(token).filter(i -> i.id().equals(interactionId));
        if (live.isEmpty()) {
            return Reply.error(404, 10062, "Unknown interaction");
        }
        FakeInteraction interaction = live.get();
        int type = json.getInt("type");
        interaction.acknowledged(type);
        DataObject data = json.optObject("data").orElseGet(DataObject::empty);
        if (type == 4 || type == 5) {
            StoredMessage original = new StoredMessage(Snowflakes.next(), interaction.channelId(), botId,
                    data.getString("content", ""));
            original.update(null, data.optArray("components").orElse(null));
            messages.put(original.id(), original);
            interaction.original(original.id(), (data.getInt("flags", 0) & 64) != 0);
        } else if (type == 7 && interaction.messageId() != null) {
            messages.get(interaction.messageId()).update(data.getString("content", null),
                    data.optArray("components").orElse(null));
        }
        return Reply.empty();
    }

    private Reply webhook(String method, String[] p, DataObject json) {
        if (!p[1].equals(applicationId)) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        Optional<FakeInteraction> live = liveInteraction(p[2]);
        if (live.isEmpty()) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        FakeInteraction interaction = live.get();
        if (method.equals("PATCH") && p.length == 5 && p[4].equals("@original")) {
            StoredMessage original = messages.get(interaction.originalId());
            if (original == null) {
                return Reply.error(404, 10008, "Unknown Message");
            }
            original.update(json.getString("content", null), json.optArray("components").orElse(null));
            return Reply.json(200, webhookMessageJson(original));
        }
        if (method.equals("POST") && p.length == 3) {
            StoredMessage followup = new StoredMessage(Snowflakes.next(), interaction.channelId(), botId,
                    json.getString("content", ""));
            messages.put(followup.id(), followup);
            return Reply.json(200, webhookMessageJson(followup));
        }
        return Reply.error(404, 0, "404: Not Found");
    }

    private DataObject webhookMessageJson(StoredMessage message) {
        return messageJson(message).put("type", 20).put("webhook_id", applicationId)
                .put("application_id", applicationId);
    }

    private Reply channel(String method, String[] p, DataObject json) {
        String channelId = p[1];
        boolean known = guilds.containsValue(channelId) || isDm(channelId) || threads.containsKey(channelId);
        if (!known) {
            return Reply.error(404, 10003, "Unknown Channel");
        }
        DataObject thread = threads.get(channelId);
        if (thread != null && thread.getObject("thread_metadata").getBoolean("locked")) {
            return Reply.error(403, 160005, "Thread is locked");
        }
        if (method.equals("POST") && p.length == 3 && p[2].equals("typing")) {
            return Reply.empty();
        }
        if (method.equals("POST") && p.length == 3 && p[2].equals("messages")) {
            return postMessage(channelId, json);
        }
        if (method.equals("PATCH") && p.length == 4 && p[2].equals("messages")) {
            StoredMessage message = messages.get(p[3]);
            if (message == null || !message.channelId().equals(channelId)) {
                return Reply.error(404, 10008, "Unknown Message");
            }
            if (!message.authorId().equals(botId)) {
                return Reply.error(403, 50005, "Cannot edit a message authored by another user");
            }
            message.update(json.getString("content", null), json.optArray("components").orElse(null));
            return Reply.json(200, messageJson(message).put("edited_timestamp", DiscordPayloads.now()));
        }
        if (method.equals("POST") && p.length == 5 && p[2].equals("messages") && p[4].equals("threads")) {
            return openThread(channelId, p[3], json);
        }
        return Reply.error(404, 0, "404: Not Found");
    }

    private Reply postMessage(String channelId, DataObject json) {
        String content = json.getString("content", "");
        if (content.length() > 2000) {
            return Reply.json(400, DataObject.empty().put("code", 50035).put("message", "Invalid Form Body")
                    .put("errors", DataObject.fromJson("{\"content\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\","
                            + "\"message\":\"Must be 2000 or fewer in length.\"}]}}")));
        }
        StoredMessage message = new StoredMessage(Snowflakes.next(), channelId, botId, content);
        message.update(null, json.optArray("components").orElse(null));
        messages.put(message.id(), message);
        DataObject reply = messageJson(message);
        gateway.dispatch(guildOf(channelId), "MESSAGE_CREATE", DataObject.fromJson(reply.toString()));
        return Reply.json(200, reply);
    }

    private Reply openThread(String channelId, String messageId, DataObject json) {
        if (!guilds.containsValue(channelId) || !messages.containsKey(messageId)) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        if (threads.containsKey(messageId)) {
            return Reply.error(400, 160004, "A thread has already been created for this message");
        }
        DataObject thread = DiscordPayloads.thread(guildOf(channelId), channelId, messageId, json.getString("name"),
                botId, false, false);
        threads.put(messageId, thread);
        gateway.dispatch(guildOf(channelId), "THREAD_CREATE",
                DataObject.fromJson(thread.toString()).put("newly_created", true));
        return Reply.json(201, thread);
    }
}
