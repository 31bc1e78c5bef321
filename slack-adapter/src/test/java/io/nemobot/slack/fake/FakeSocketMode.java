package io.nemobot.slack.fake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Slack's side of Socket Mode on loopback, for any number of bot processes at once. {@link FakeSlack}'s
 * {@code apps.connections.open} hands out {@link #url()}; every WebSocket opened there (a real one:
 * MockWebServer's upgrade, OkHttp's frames, answering the client's pings) is a {@link Connection} and
 * gets {@code hello}. As Slack does, each envelope is handed to exactly one open connection (round
 * robin over the open ones, in the order they opened), and must be acknowledged with its
 * {@code envelope_id}; one not acknowledged within {@link #ackTimeout(Duration)} (Slack: 3 s) is
 * redelivered with {@code retry_attempt} + 1 and {@code retry_reason: timeout}, to another open
 * connection when there is one, up to {@link #MAX_RETRIES} times. The fake can lose a delivery's ack (as
 * a network would), ask a connection to go with {@code disconnect} ({@code refresh_requested}: the
 * client opens a new connection and closes this one; {@code link_disabled}: the fake closes it too), and
 * drop one without a close.
 */
public final class FakeSocketMode implements AutoCloseable {
    /** Slack's own ack deadline. */
    public static final Duration SLACK_ACK_TIMEOUT = Duration.ofSeconds(3);
    /** Slack's retries of an envelope that was never acknowledged. */
    public static final int MAX_RETRIES = 3;

    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService timer;
    private final List<Connection> connections = new ArrayList<>();
    private final Map<String, Envelope> envelopes = new LinkedHashMap<>();
    private volatile Duration ackTimeout = SLACK_ACK_TIMEOUT;
    private int nextPick;
    private int nextEnvelope;

    /** How a connection ended, if it did. */
    public enum State {
        OPEN,
        /** The client sent a close frame (Bolt's disconnect, or the old session after a refresh). */
        CLOSED_BY_CLIENT,
        /** It went away without a close frame: the process died, or {@link #drop} cut it. */
        DROPPED,
        /** The fake closed it ({@code link_disabled}, or {@link #close()}). */
        CLOSED_BY_SLACK
    }

    /** One handing of an envelope to a connection. */
    public record Delivery(int connection, int retryAttempt) {
    }

    /** One WebSocket a client opened. */
    public final class Connection {
        private final int id;
        private final WebSocket socket;
        private State state = State.OPEN;
        private int closeCode;

        private Connection(int id, WebSocket socket) {
            this.id = id;
            this.socket = socket;
        }

        /** Its number: 0 for the first connection ever opened, and so on. */
        public int id() {
            return id;
        }

        public boolean open() {
            synchronized (FakeSocketMode.this) {
                return state == State.OPEN;
            }
        }

        public State state() {
            synchronized (FakeSocketMode.this) {
                return state;
            }
        }

        /** The close code the client sent (1000 for a normal closure), or 0. */
        public int closeCode() {
            synchronized (FakeSocketMode.this) {
                return closeCode;
            }
        }

        @Override
        public String toString() {
            synchronized (FakeSocketMode.this) {
                return "Connection[" + id + " " + state + (closeCode == 0 ? "" : " " + closeCode) + "]";
            }
        }
    }

    /** An envelope Slack hands out, with every delivery of it and who acknowledged it. */
    public final class Envelope {
        private final String id;
        private final String type;
        private final JsonElement payload;
        private final List<Delivery> deliveries = new ArrayList<>();
        private final List<Integer> lostAcks = new ArrayList<>();
        private int acksToLose;
        private Integer ackedBy;

        private Envelope(String id, String type, JsonElement payload, int acksToLose) {
            this.id = id;
            this.type = type;
            this.payload = payload;
            this.acksToLose = acksToLose;
        }

        public String id() {
            return id;
        }

        /** Every delivery, in order: the first has retry attempt 0. */
        public List<Delivery> deliveries() {
            synchronized (FakeSocketMode.this) {
                return List.copyOf(deliveries);
            }
        }

        /** The connection whose ack Slack took, if one was taken. */
        public Optional<Integer> ackedBy() {
            synchronized (FakeSocketMode.this) {
                return Optional.ofNullable(ackedBy);
            }
        }

        /** Connections whose ack was lost on the way (see {@link #deliverLosingAcks}). */
        public List<Integer> lostAcks() {
            synchronized (FakeSocketMode.this) {
                return List.copyOf(lostAcks);
            }
        }

        @Override
        public String toString() {
            synchronized (FakeSocketMode.this) {
                return "Envelope[" + id + " " + deliveries + " acked by " + ackedBy + ", lost " + lostAcks + "]";
            }
        }
    }

    private FakeSocketMode() throws IOException {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fake-socket-mode-acks");
            t.setDaemon(true);
            return t;
        });
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().webSocketUpgrade(new Side()).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** Starts the fake and points {@code slack}'s {@code apps.connections.open} at it. */
    public static FakeSocketMode start(FakeSlack slack) {
        try {
            FakeSocketMode fake = new FakeSocketMode();
            slack.socketModeUrl(fake.url());
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code apps.connections.open} sends clients. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/link/?ticket=fake";
    }

    /** How long an envelope may go unacknowledged before it is handed out again (Slack: 3 s). */
    public FakeSocketMode ackTimeout(Duration timeout) {
        this.ackTimeout = timeout;
        return this;
    }

    // ---- what Slack does

    /** Hands an Events API payload ({@link SlackPayloads#envelope}) to one open connection. */
    public Envelope deliver(String eventsApiPayload) {
        return deliverLosingAcks(eventsApiPayload, 0);
    }

    /**
     * As {@link #deliver}, but the first {@code acks} acknowledgements of it are lost on the way back, so
     * Slack hands it out again after the ack timeout, to another connection.
     */
    public synchronized Envelope deliverLosingAcks(String eventsApiPayload, int acks) {
        Envelope envelope = new Envelope("env-" + (++nextEnvelope), "events_api",
                JsonParser.parseString(eventsApiPayload), acks);
        envelopes.put(envelope.id, envelope);
        send(envelope, pick(-1));
        return envelope;
    }

    /** Hands an Events API payload to this connection, whatever the round robin says. */
    public synchronized Envelope deliverTo(Connection connection, String eventsApiPayload) {
        Envelope envelope = new Envelope("env-" + (++nextEnvelope), "events_api",
                JsonParser.parseString(eventsApiPayload), 0);
        envelopes.put(envelope.id, envelope);
        send(envelope, connection);
        return envelope;
    }

    /**
     * Slack's {@code disconnect} message: {@code refresh_requested} (the client should open a new
     * connection, then close this one) or {@code link_disabled} (Socket Mode was turned off: the fake
     * closes the connection after the message).
     */
    public void disconnect(Connection connection, String reason) {
        JsonObject message = new JsonObject();
        message.addProperty("type", "disconnect");
        message.addProperty("reason", reason);
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "fake-socket-mode");
        message.add("debug_info", debug);
        connection.socket.send(message.toString());
        if ("link_disabled".equals(reason)) {
            connection.socket.close(1000, "link_disabled");
            ended(connection, State.CLOSED_BY_SLACK, 1000);
        }
    }

    /** Cuts the connection without a close frame (a network failure). */
    public void drop(Connection connection) {
        connection.socket.cancel();
        ended(connection, State.DROPPED, 0);
    }

    // ---- what tests look at

    /** Every connection ever opened, in order. */
    public synchronized List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** The connections open now, in the order they opened. */
    public synchronized List<Connection> openConnections() {
        return connections.stream().filter(c -> c.state == State.OPEN).toList();
    }

    /** Every envelope handed out, in order. */
    public synchronized List<Envelope> envelopes() {
        return List.copyOf(envelopes.values());
    }

    /** Waits until the condition holds, or fails after the timeout with what the fake saw. */
    public synchronized void await(String what, Predicate<FakeSocketMode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; " + this);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits until exactly {@code count} connections are open. */
    public void awaitOpen(int count, Duration timeout) {
        await(count + " open connections", f -> f.openConnections().size() == count, timeout);
    }

    /** Waits until the envelope was acknowledged (an ack that was not lost). */
    public void awaitAck(Envelope envelope, Duration timeout) {
        await("the ack of " + envelope.id, f -> envelope.ackedBy().isPresent(), timeout);
    }

    @Override
    public synchronized String toString() {
        return "connections " + connections + ", envelopes " + envelopes.values();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (Connection c : connections()) {
            if (c.open()) {
                c.socket.close(1001, "going away");
                ended(c, State.CLOSED_BY_SLACK, 1001);
            }
        }
        server.close();
    }

    // ---- internals

    /** The next open connection in turn, avoiding {@code not} when another is open; null when none is. */
    private Connection pick(int not) {
        List<Connection> open = openConnections();
        List<Connection> others = open.stream().filter(c -> c.id != not).toList();
        List<Connection> from = others.isEmpty() ? open : others;
        if (from.isEmpty()) {
            return null;
        }
        return from.get(Math.floorMod(nextPick++, from.size()));
    }

    private synchronized void send(Envelope envelope, Connection to) {
        int attempt = envelope.deliveries.size();
        if (to != null) {
            JsonObject message = new JsonObject();
            message.addProperty("envelope_id", envelope.id);
            message.addProperty("type", envelope.type);
            message.addProperty("accepts_response_payload", false);
            message.addProperty("retry_attempt", attempt);
            message.addProperty("retry_reason", attempt == 0 ? "" : "timeout");
            message.add("payload", envelope.payload);
            envelope.deliveries.add(new Delivery(to.id, attempt));
            to.socket.send(message.toString());
            notifyAll();
        } else {
            envelope.deliveries.add(new Delivery(-1, attempt)); // no connection open: Slack tries again later
        }
        try {
            timer.schedule(() -> retryIfUnacked(envelope, attempt), ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the fake is closing: no more retries
        }
    }

    private synchronized void retryIfUnacked(Envelope envelope, int attempt) {
        if (envelope.ackedBy != null || envelope.deliveries.size() != attempt + 1 || attempt >= MAX_RETRIES) {
            return;
        }
        send(envelope, pick(envelope.deliveries.get(attempt).connection()));
    }

    private synchronized void opened(WebSocket socket) {
        connections.add(new Connection(connections.size(), socket));
        JsonObject hello = new JsonObject();
        hello.addProperty("type", "hello");
        hello.addProperty("num_connections", openConnections().size());
        JsonObject debug = new JsonObject();
        debug.addProperty("host", "fake-socket-mode");
        hello.add("debug_info", debug);
        JsonObject info = new JsonObject();
        info.addProperty("app_id", "A0FAKE");
        hello.add("connection_info", info);
        socket.send(hello.toString());
        notifyAll();
    }

    private synchronized void received(WebSocket socket, String text) {
        Connection from = of(socket);
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            return; // not JSON: nothing Slack acts on
        }
        if (from == null || !json.isJsonObject() || !json.getAsJsonObject().has("envelope_id")) {
            return;
        }
        Envelope envelope = envelopes.get(json.getAsJsonObject().get("envelope_id").getAsString());
        if (envelope == null || envelope.ackedBy != null) {
            return;
        }
        if (envelope.acksToLose > 0) {
            envelope.acksToLose--;
            envelope.lostAcks.add(from.id);
        } else {
            envelope.ackedBy = from.id;
        }
        notifyAll();
    }

    private synchronized void ended(Connection connection, State how, int code) {
        if (connection != null && connection.state == State.OPEN) {
            connection.state = how;
            connection.closeCode = code;
            notifyAll();
        }
    }

    private synchronized Connection of(WebSocket socket) {
        return connections.stream().filter(c -> c.socket == socket).findFirst().orElse(null);
    }

    /** The server's end of one WebSocket. */
    private final class Side extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received(webSocket, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            ended(of(webSocket), State.CLOSED_BY_CLIENT, code);
            webSocket.close(code, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            ended(of(webSocket), State.DROPPED, 0);
        }
    }
}
