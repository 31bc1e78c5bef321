package io.nemobot.discord.fake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The gateway side of the fake: HELLO on connect, READY (and the GUILD_CREATE of each server on the
 * shard) on IDENTIFY, ACK on heartbeats, RESUMED plus the missed dispatches on RESUME. One session per
 * shard, as on Discord: IDENTIFY names {@code shard: [id, total]}, a server's events go only to
 * shard {@code (server_id >> 22) % total} and DMs only to shard 0. Every dispatch is kept per shard,
 * so a client that resumes after a drop gets what it missed.
 */
final class FakeGateway extends WebSocketListener {
    static final int HEARTBEAT_INTERVAL_MS = 41_250;

    private final Object lock;
    private final String token;
    private final int total;
    private final IntFunction<DataObject> ready;
    private final IntFunction<List<DataObject>> guildCreates;
    private final Map<Integer, Shard> shards = new HashMap<>();
    private final List<DataObject> identifies = new ArrayList<>();
    private int resumes;
    private int drops;
    private int heartbeats;
    private int disallowedIntents;

    /** One shard's session: its socket while connected, and everything dispatched on it. */
    private static final class Shard {
        final int id;
        final List<DataObject> dispatched = new ArrayList<>();
        String sessionId;
        WebSocket socket;
        boolean live;

        Shard(int id) {
            this.id = id;
        }
    }

    FakeGateway(Object lock, String token, int total, IntFunction<DataObject> ready,
            IntFunction<List<DataObject>> guildCreates) {
        this.lock = lock;
        this.token = token;
        this.total = total;
        this.ready = ready;
        this.guildCreates = guildCreates;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        synchronized (lock) {
            send(webSocket, DataObject.empty().put("op", 10).put("s", null).put("t", null)
                    .put("d", DataObject.empty().put("heartbeat_interval", HEARTBEAT_INTERVAL_MS)));
            lock.notifyAll();
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        DataObject frame = DataObject.fromJson(text);
        synchronized (lock) {
            switch (frame.getInt("op")) {
                case 1 -> {
                    heartbeats++;
                    send(webSocket, DataObject.empty().put("op", 11));
                }
                case 2 -> identify(webSocket, frame.getObject("d"));
                case 6 -> resume(webSocket, frame.getObject("d"));
                default -> {
                    // presence updates, member requests: nothing to answer
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null);
        closed(webSocket);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        closed(webSocket);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        closed(webSocket);
    }

    private void closed(WebSocket webSocket) {
        synchronized (lock) {
            for (Shard shard : shards.values()) {
                if (shard.socket == webSocket) {
                    shard.socket = null;
                    shard.live = false;
                    drops++;
                }
            }
            lock.notifyAll();
        }
    }

    private void identify(WebSocket webSocket, DataObject d) {
        identifies.add(d);
        if (!token.equals(d.getString("token", ""))) {
            webSocket.close(4004, "Authentication failed.");
            return;
        }
        if ((d.getInt("intents", 0) & disallowedIntents) != 0) {
            webSocket.close(4014, "Disallowed intent(s).");
            return;
        }
        DataArray shardInfo = d.optArray("shard").orElse(DataArray.empty().add(0).add(1));
        int id = shardInfo.getInt(0);
        if (shardInfo.getInt(1) != total || id < 0 || id >= total) {
            webSocket.close(4010, "Invalid shard.");
            return;
        }
        Shard shard = shards.computeIfAbsent(id, Shard::new);
        shard.sessionId = UUID.randomUUID().toString();
        shard.dispatched.clear();
        shard.socket = webSocket;
        shard.live = true;
        dispatchOn(id, "READY", ready.apply(id).put("session_id", shard.sessionId)
                .put("shard", DataArray.empty().add(id).add(total)));
        for (DataObject guild : guildCreates.apply(id)) {
            dispatchOn(id, "GUILD_CREATE", guild);
        }
    }

    private void resume(WebSocket webSocket, DataObject d) {
        String sessionId = d.getString("session_id", "");
        Shard shard = shards.values().stream().filter(s -> sessionId.equals(s.sessionId)).findFirst().orElse(null);
        if (shard == null) {
            send(webSocket, DataObject.empty().put("op", 9).put("d", false));
            return;
        }
        resumes++;
        long seen = d.getLong("seq", 0);
        shard.socket = webSocket;
        shard.live = true;
        for (DataObject frame : shard.dispatched) {
            if (frame.getLong("s") > seen) {
                send(webSocket, frame);
            }
        }
        dispatchOn(shard.id, "RESUMED", DataObject.empty());
    }

    /** The shard Discord sends a server's events to; DMs (no server) go to shard 0. */
    int shardOf(String guildIdOrNull) {
        return guildIdOrNull == null ? 0 : (int) ((Long.parseLong(guildIdOrNull) >>> 22) % total);
    }

    /**
     * Sends a dispatch on the shard of its server (shard 0 without one) now, or keeps it for the resume
     * when that shard is disconnected.
     */
    void dispatch(String guildIdOrNull, String type, DataObject data) {
        synchronized (lock) {
            dispatchOn(shardOf(guildIdOrNull), type, data);
        }
    }

    private void dispatchOn(int id, String type, DataObject data) {
        Shard shard = shards.computeIfAbsent(id, Shard::new);
        DataObject frame = DataObject.empty().put("op", 0).put("t", type)
                .put("s", shard.dispatched.size() + 1L).put("d", data);
        shard.dispatched.add(frame);
        if (shard.live && shard.socket != null) {
            send(shard.socket, frame);
        }
    }

    /** Drops every connection as Discord does now and then (close code 4000): clients should resume. Returns how many. */
    int drop() {
        synchronized (lock) {
            int dropped = 0;
            for (Shard shard : shards.values()) {
                if (shard.socket != null) {
                    shard.live = false;
                    shard.socket.close(4000, "Unknown error");
                    dropped++;
                }
            }
            return dropped;
        }
    }

    /** Intents (raw bits) the application is not allowed, as when a privileged intent is switched off. */
    void disallow(int intents) {
        synchronized (lock) {
            disallowedIntents = intents;
        }
    }

    /** Whether some shard has a session and every shard that has one is connected. */
    boolean live() {
        return shards.values().stream().anyMatch(s -> s.sessionId != null)
                && shards.values().stream().filter(s -> s.sessionId != null).allMatch(s -> s.live);
    }

    /** The shards with a live session. */
    List<Integer> liveShards() {
        return shards.entrySet().stream().filter(e -> e.getValue().live).map(Map.Entry::getKey).sorted().toList();
    }

    int identifies() {
        return identifies.size();
    }

    List<DataObject> allIdentifies() {
        return List.copyOf(identifies);
    }

    DataObject lastIdentify() {
        return identifies.get(identifies.size() - 1);
    }

    int resumes() {
        return resumes;
    }

    /** Shard connections the server saw close (dropped by {@link #drop()} or by the client). */
    int drops() {
        return drops;
    }

    int heartbeats() {
        return heartbeats;
    }

    private static void send(WebSocket webSocket, DataObject frame) {
        webSocket.send(frame.toString());
    }
}
