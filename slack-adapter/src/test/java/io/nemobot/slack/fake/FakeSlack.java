package io.nemobot.slack.fake;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import io.nemobot.testing.CoreTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fake Slack Web API on loopback, answering like Slack for the methods the bot uses and recording
 * every call. It keeps the messages it was asked to write (streamed and updated alike), closes native
 * streams after {@link #streamLifetime(Duration)} like Slack does (and when {@code chat.update} is called
 * on one, Slack's way out of a stream), can enforce any method's rate limit as a rolling window per
 * workspace (per channel where Slack counts so) with {@code ratelimited} + {@code Retry-After}, counting
 * refusals per method, and serves file downloads, counting them.
 * Tests wait on its calls with {@link #awaitCall}, a condition with a deadline, never a sleep.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TEAM = "T0FAKE";
    public static final String BOT_USER = "UBOTFAKE";
    public static final String BOT_ID = "BBOTFAKE";
    public static final String BOT_TOKEN = "xoxb-fake-test-token";
    public static final String APP_TOKEN = "xapp-fake-test-token";
    /** Slack refuses messages longer than this with msg_too_long. */
    public static final int MAX_TEXT = 4000;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, FakeFile> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final Map<String, Limit> limits = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> windows = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> refusedBy = new ConcurrentHashMap<>();
    private final List<String> responses = new ArrayList<>();
    private final Map<String, String> roles = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger nextTs = new AtomicInteger(1);

    private volatile Duration streamLifetime = Duration.ofMinutes(5);
    private volatile boolean streamingAvailable = true;
    private volatile boolean updateEndsStream = true;
    private volatile int retryAfterSeconds = 1;
    private volatile String socketModeUrl;

    /** A method's rate limit: at most {@code permits} calls in any {@code window}, per workspace or per channel. */
    public record Limit(int permits, Duration window, boolean perChannel) {
    }

    /** A Web API call as the fake received it. */
    public record Call(String method, Map<String, String> params, String authorization) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A file the fake serves, with the metadata its events describe. */
    public record FakeFile(String id, String name, String mimetype, byte[] bytes, String contentType) {
    }

    /** A message as it stands in the fake workspace. */
    public static final class Message {
        public final String channel;
        public final String ts;
        public final String threadTs;
        private String text;
        private JsonArray blocks = new JsonArray();
        private boolean streaming;
        private boolean closedBySlack;
        private Instant streamStarted;
        private final List<String> history = new ArrayList<>();

        Message(String channel, String ts, String threadTs) {
            this.channel = channel;
            this.ts = ts;
            this.threadTs = threadTs;
        }

        public synchronized String text() {
            return text;
        }

        public synchronized boolean streaming() {
            return streaming;
        }

        /** Whether Slack (the fake) closed its stream on its own, before the bot stopped it. */
        public synchronized boolean closedBySlack() {
            return closedBySlack;
        }

        /** Every text the message showed, in order. */
        public synchronized List<String> history() {
            return List.copyOf(history);
        }

        /** The action ids of the buttons under the message. */
        public synchronized List<String> buttons() {
            List<String> ids = new ArrayList<>();
            for (JsonElement block : blocks) {
                JsonObject b = block.getAsJsonObject();
                if ("actions".equals(b.get("type").getAsString())) {
                    for (JsonElement element : b.getAsJsonArray("elements")) {
                        ids.add(element.getAsJsonObject().get("action_id").getAsString());
                    }
                }
            }
            return ids;
        }

        synchronized void show(String value) {
            text = value;
            history.add(value);
        }

        @Override
        public synchronized String toString() {
            return "Message[" + channel + "/" + ts + " thread " + threadTs + (streaming ? " streaming" : "") + ": "
                    + text + " " + buttons() + "]";
        }
    }

    private FakeSlack(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-slack");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/api/", this::api);
        server.createContext("/files/", this::file);
        server.createContext("/respond/", this::respond);
        server.start();
    }

    public static FakeSlack start() {
        return start(Clock.systemUTC());
    }

    public static FakeSlack start(Clock clock) {
        try {
            return new FakeSlack(clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code SLACK_API_URL} must be set to. */
    public String apiUrl() {
        return base() + "/api/";
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- scripting

    /** Slack closes native streams this long after they started. */
    public FakeSlack streamLifetime(Duration lifetime) {
        this.streamLifetime = lifetime;
        return this;
    }

    /**
     * Whether {@code chat.update} on a message still streaming ends its stream and updates it (true, the
     * documented way out of a stream) or is refused with {@code cant_update_message} (false).
     */
    public FakeSlack updateEndsStream(boolean ends) {
        this.updateEndsStream = ends;
        return this;
    }

    /** Whether chat.startStream exists (an older workspace or grid without it answers unknown_method). */
    public FakeSlack streamingAvailable(boolean available) {
        this.streamingAvailable = available;
        return this;
    }

    /** chat.update allows this many calls per window for the workspace, then answers 429 ratelimited. */
    public FakeSlack limitUpdates(int permits, Duration window, int retryAfter) {
        this.retryAfterSeconds = retryAfter;
        return limit("chat.update", permits, window, false);
    }

    /** {@code method} allows this many calls in any window (per channel or per workspace), then answers 429. */
    public FakeSlack limit(String method, int permits, Duration window, boolean perChannel) {
        limits.put(method, new Limit(permits, window, perChannel));
        return this;
    }

    /**
     * Slack's published tiers, with every window {@code scale} times its real length (1 for Slack's own;
     * a test keeps the permits and shortens the windows): Tier 2 {@code chat.startStream} and
     * {@code chat.stopStream}, Tier 3 {@code chat.update} and {@code assistant.threads.setStatus}, Tier 4
     * {@code chat.appendStream}, {@code chat.postMessage} one a second per channel.
     */
    public FakeSlack slackTiers(double scale) {
        Duration minute = Duration.ofMillis(Math.round(60_000 * scale));
        limit("chat.startStream", 20, minute, false);
        limit("chat.stopStream", 20, minute, false);
        limit("chat.update", 50, minute, false);
        limit("assistant.threads.setStatus", 50, minute, false);
        limit("chat.appendStream", 100, minute, false);
        return limit("chat.postMessage", 1, Duration.ofMillis(Math.round(1000 * scale)), true);
    }

    /** Where apps.connections.open sends the Socket Mode client. */
    public FakeSlack socketModeUrl(String url) {
        this.socketModeUrl = url;
        return this;
    }

    /** Registers a file and returns its entry as a message event's {@code files} array holds it. */
    public JsonObject addFile(String id, String name, String mimetype, byte[] bytes) {
        return addFile(new FakeFile(id, name, mimetype, bytes, mimetype));
    }

    public JsonObject addFile(FakeFile file) {
        files.put(file.id(), file);
        JsonObject json = new JsonObject();
        json.addProperty("id", file.id());
        json.addProperty("name", file.name());
        json.addProperty("title", file.name());
        json.addProperty("mimetype", file.mimetype());
        json.addProperty("size", file.bytes().length);
        json.addProperty("mode", "hosted");
        json.addProperty("url_private", fileUrl(file));
        json.addProperty("url_private_download", fileUrl(file) + "?download=1");
        return json;
    }

    public String fileUrl(FakeFile file) {
        return base() + "/files/" + file.id() + "/" + file.name();
    }

    /** How many chat.update calls were answered with ratelimited. */
    public int rateLimitedUpdates() {
        return refused("chat.update");
    }

    /** How many calls of {@code method} were answered with ratelimited. */
    public int refused(String method) {
        AtomicInteger n = refusedBy.get(method);
        return n == null ? 0 : n.get();
    }

    /** Calls answered with ratelimited, by method (only methods with refusals). */
    public Map<String, Integer> refusals() {
        Map<String, Integer> out = new LinkedHashMap<>();
        refusedBy.forEach((method, n) -> out.put(method, n.get()));
        return out;
    }

    public int downloads(String fileId) {
        AtomicInteger n = downloads.get(fileId);
        return n == null ? 0 : n.get();
    }

    // ---- inspection

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages.values());
    }

    /** The bot's messages in one thread (its root included when the bot posted it), oldest first. */
    public synchronized List<Message> thread(String channel, String threadTs) {
        return messages.values().stream()
                .filter(m -> m.channel.equals(channel) && (threadTs.equals(m.threadTs) || threadTs.equals(m.ts)))
                .toList();
    }

    public synchronized Optional<Message> message(String ts) {
        return Optional.ofNullable(messages.get(ts));
    }

    /** Bodies posted to response URLs (slash command answers sent later). */
    public synchronized List<String> responses() {
        return List.copyOf(responses);
    }

    /** Waits until a call matching the test arrives, or fails after the timeout. */
    public synchronized Call awaitCall(String method, Predicate<Call> test, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Call call : calls) {
                if (call.method().equals(method) && test.test(call)) {
                    return call;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + method + " call matched within " + timeout + "; calls: " + calls);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the condition on the fake holds, or fails after the timeout. */
    public synchronized void await(String what, Predicate<FakeSlack> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; messages: " + messages.values()
                        + "; calls: " + calls.stream().map(Call::method).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Waits until the condition on the fake holds, moving the bot's manual time as it looks (see
     * {@link CoreTime#await}); fails after {@link CoreTime#WAIT} of real time.
     */
    public void await(String what, Predicate<FakeSlack> condition, CoreTime time) {
        time.await(() -> condition.test(this), () -> "timed out waiting for " + what + "; " + seen());
    }

    private synchronized String seen() {
        return "messages: " + messages.values() + "; calls: " + calls.stream().map(Call::method).toList();
    }

    // ---- the Web API

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            Answer answer;
            synchronized (this) {
                calls.add(new Call(method, params, authorization));
                answer = answer(method, params, authorization);
                notifyAll();
            }
            byte[] bytes = answer.json().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (answer.retryAfter() > 0) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfter()));
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, JsonObject json, int retryAfter) {
        static Answer ok(JsonObject json) {
            json.addProperty("ok", true);
            return new Answer(200, json, 0);
        }

        static Answer error(String code) {
            JsonObject json = new JsonObject();
            json.addProperty("ok", false);
            json.addProperty("error", code);
            return new Answer(200, json, 0);
        }
    }

    private Answer answer(String method, Map<String, String> p, String authorization) {
        String expected = method.equals("apps.connections.open") ? APP_TOKEN : BOT_TOKEN;
        if (!("Bearer " + expected).equals(authorization) && !expected.equals(p.get("token"))) {
            return Answer.error("invalid_auth");
        }
        Limit limit = limits.get(method);
        if (limit != null && !admitted(method, limit, p)) {
            refusedBy.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            JsonObject json = new JsonObject();
            json.addProperty("ok", false);
            json.addProperty("error", "ratelimited");
            return new Answer(429, json, retryAfterSeconds);
        }
        return switch (method) {
            case "auth.test" -> authTest();
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.startStream" -> startStream(p);
            case "chat.appendStream" -> appendStream(p);
            case "chat.stopStream" -> stopStream(p);
            case "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts" -> Answer.ok(new JsonObject());
            case "files.info" -> filesInfo(p);
            case "users.info" -> usersInfo(p);
            case "apps.connections.open" -> connectionsOpen();
            default -> Answer.error("unknown_method");
        };
    }

    private Answer usersInfo(Map<String, String> p) {
        String id = p.get("user");
        if (id == null) {
            return Answer.error("user_not_found");
        }
        String role = roles.getOrDefault(id, "member");
        JsonObject user = new JsonObject();
        user.addProperty("id", id);
        user.addProperty("team_id", TEAM);
        user.addProperty("name", id.toLowerCase(java.util.Locale.ROOT));
        user.addProperty("is_admin", role.equals("admin") || role.equals("owner"));
        user.addProperty("is_owner", role.equals("owner"));
        user.addProperty("is_bot", false);
        JsonObject json = new JsonObject();
        json.add("user", user);
        return Answer.ok(json);
    }

    /** What {@code users.info} says of a user: {@code member} (the default), {@code admin} or {@code owner}. */
    public synchronized FakeSlack role(String userId, String role) {
        roles.put(userId, role);
        return this;
    }

    private Answer authTest() {
        JsonObject json = new JsonObject();
        json.addProperty("url", "https://fake.slack.com/");
        json.addProperty("team", "Fake Workspace");
        json.addProperty("user", "nemo");
        json.addProperty("team_id", TEAM);
        json.addProperty("user_id", BOT_USER);
        json.addProperty("bot_id", BOT_ID);
        json.addProperty("is_enterprise_install", false);
        return Answer.ok(json);
    }

    private Answer postMessage(Map<String, String> p) {
        String channel = p.get("channel");
        if (channel == null || channel.startsWith("CGONE")) {
            return Answer.error("channel_not_found");
        }
        JsonArray blocks = blocks(p.get("blocks"));
        String text = visible(p.get("text"), blocks);
        if (text.length() > MAX_TEXT) {
            return Answer.error("msg_too_long");
        }
        Message message = new Message(channel, newTs(), p.get("thread_ts"));
        message.blocks = blocks;
        message.show(text);
        messages.put(message.ts, message);
        return Answer.ok(tsJson(message));
    }

    /** Whether a call fits its method's rolling window now (and then counts it). */
    private boolean admitted(String method, Limit limit, Map<String, String> p) {
        String channel = p.getOrDefault("channel", p.getOrDefault("channel_id", ""));
        Deque<Instant> window = windows.computeIfAbsent(method + (limit.perChannel() ? "|" + channel : ""),
                k -> new ArrayDeque<>());
        Instant now = clock.instant();
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(limit.window()))) {
            window.removeFirst();
        }
        if (window.size() >= limit.permits()) {
            return false;
        }
        window.addLast(now);
        return true;
    }

    private Answer update(Map<String, String> p) {
        Message message = messages.get(p.get("ts"));
        if (message == null || !message.channel.equals(p.get("channel"))) {
            return Answer.error("message_not_found");
        }
        expire(message);
        if (message.streaming && !updateEndsStream) {
            return Answer.error("cant_update_message");
        }
        message.streaming = false; // updating a streaming message ends its stream
        JsonArray blocks = blocks(p.get("blocks"));
        String text = visible(p.get("text"), blocks);
        if (text.length() > MAX_TEXT) {
            return Answer.error("msg_too_long");
        }
        if (p.containsKey("blocks")) {
            message.blocks = blocks;
        }
        message.show(text);
        return Answer.ok(tsJson(message));
    }

    private Answer startStream(Map<String, String> p) {
        if (!streamingAvailable) {
            return Answer.error("unknown_method");
        }
        String channel = p.get("channel");
        if (p.get("thread_ts") == null) {
            return Answer.error("invalid_arguments");
        }
        if (!channel.startsWith("D")) {
            if (p.get("recipient_team_id") == null) {
                return Answer.error("missing_recipient_team_id");
            }
            if (p.get("recipient_user_id") == null) {
                return Answer.error("missing_recipient_user_id");
            }
        }
        Message message = new Message(channel, newTs(), p.get("thread_ts"));
        message.streaming = true;
        message.streamStarted = clock.instant();
        message.show(p.getOrDefault("markdown_text", ""));
        messages.put(message.ts, message);
        return Answer.ok(tsJson(message));
    }

    private Answer appendStream(Map<String, String> p) {
        Message message = messages.get(p.get("ts"));
        if (message == null) {
            return Answer.error("message_not_found");
        }
        expire(message);
        if (!message.streaming) {
            return Answer.error("message_not_in_streaming_state");
        }
        String text = message.text() + p.getOrDefault("markdown_text", "");
        if (text.length() > MAX_TEXT) {
            return Answer.error("msg_too_long");
        }
        message.show(text);
        return Answer.ok(tsJson(message));
    }

    private Answer stopStream(Map<String, String> p) {
        Message message = messages.get(p.get("ts"));
        if (message == null) {
            return Answer.error("message_not_found");
        }
        expire(message);
        if (!message.streaming) {
            return Answer.error("message_not_in_streaming_state");
        }
        message.streaming = false;
        message.blocks = blocks(p.get("blocks"));
        message.show(message.text() + p.getOrDefault("markdown_text", ""));
        return Answer.ok(tsJson(message));
    }

    /** Slack closes a stream on its own once it is too old: the message keeps what it had. */
    private void expire(Message message) {
        if (message.streaming && !clock.instant().isBefore(message.streamStarted.plus(streamLifetime))) {
            message.streaming = false;
            message.closedBySlack = true;
        }
    }

    /** Closes every stream older than the lifetime now, as Slack's own timer would. */
    public synchronized void expireStreams() {
        messages.values().forEach(this::expire);
        notifyAll();
    }

    private Answer filesInfo(Map<String, String> p) {
        FakeFile file = files.get(p.get("file"));
        if (file == null) {
            return Answer.error("file_not_found");
        }
        JsonObject json = new JsonObject();
        JsonObject f = new JsonObject();
        f.addProperty("id", file.id());
        f.addProperty("name", file.name());
        f.addProperty("mimetype", file.mimetype());
        f.addProperty("size", file.bytes().length);
        f.addProperty("mode", "hosted");
        f.addProperty("url_private_download", fileUrl(file));
        json.add("file", f);
        return Answer.ok(json);
    }

    private Answer connectionsOpen() {
        if (socketModeUrl == null) {
            return Answer.error("not_allowed");
        }
        JsonObject json = new JsonObject();
        json.addProperty("url", socketModeUrl);
        return Answer.ok(json);
    }

    private String newTs() {
        return "1700000000." + String.format("%06d", nextTs.getAndIncrement());
    }

    private static JsonObject tsJson(Message message) {
        JsonObject json = new JsonObject();
        json.addProperty("channel", message.channel);
        json.addProperty("ts", message.ts);
        return json;
    }

    /** What a person sees: the sections' text when there are blocks, otherwise the text. */
    private static String visible(String text, JsonArray blocks) {
        StringBuilder shown = new StringBuilder();
        for (JsonElement block : blocks) {
            JsonObject b = block.getAsJsonObject();
            if ("section".equals(b.get("type").getAsString())) {
                if (shown.length() > 0) {
                    shown.append('\n');
                }
                shown.append(b.getAsJsonObject("text").get("text").getAsString());
            }
        }
        return shown.length() > 0 ? shown.toString() : text == null ? "" : text;
    }

    private static JsonArray blocks(String json) {
        return json == null || json.isBlank() ? new JsonArray() : JsonParser.parseString(json).getAsJsonArray();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isBlank()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    // ---- files and response URLs

    private void file(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            FakeFile file = parts.length > 2 ? files.get(parts[2]) : null;
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!("Bearer " + BOT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] login = "<html>sign in to Slack</html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, login.length);
                exchange.getResponseBody().write(login);
                return;
            }
            downloads.computeIfAbsent(file.id(), id -> new AtomicInteger()).incrementAndGet();
            if (file.contentType().startsWith("redirect:")) {
                exchange.getResponseHeaders().set("Location", file.contentType().substring("redirect:".length()));
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            exchange.sendResponseHeaders(200, file.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(file.bytes());
            }
        }
    }

    /** A response URL for slash command payloads; what is posted there lands in {@link #responses()}. */
    public String responseUrl(String id) {
        return base() + "/respond/" + id;
    }

    private void respond(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                responses.add(body);
                notifyAll();
            }
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
