package io.nemobot.discord.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The gateway side of the fake: HELLO on connect, READY (and the test guild's GUILD_CREATE) on
 * IDENTIFY, ACK on heartbeats, RESUMED plus the missed dispatches on RESUME. Every dispatch is kept,
 * so a client that resumes after a drop gets what it missed, as from Discord.
 */
final class FakeGateway extends WebSocketListener {
    static final int HEARTBEAT_INTERVAL_MS = 41_250;

    private final Object lock;
    private final String token;
    private final Supplier<DataObject> ready;
    private final Supplier<DataObject> guildCreate;
    private final List<DataObject> dispatched = new ArrayList<>();
    private final List<DataObject> identifies = new ArrayList<>();
    private String sessionId;
    private WebSocket socket;
    private int resumes;
    private int heartbeats;
    private boolean live;
    private int disallowedIntents;

    FakeGateway(Object lock, String token, Supplier<DataObject> ready, Supplier<DataObject> guildCreate) {
        this.lock = lock;
        this.token = token;
        this.ready = ready;
        this.guildCreate = guildCreate;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        synchronized (lock) {
            socket = webSocket;
            live = false;
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
            if (socket == webSocket) {
                socket = null;
                live = false;
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
        sessionId = UUID.randomUUID().toString();
        dispatched.clear();
        live = true;
        dispatch("READY", ready.get().put("session_id", sessionId));
        dispatch("GUILD_CREATE", guildCreate.get());
    }

    private void resume(WebSocket webSocket, DataObject d) {
        if (sessionId == null || !sessionId.equals(d.getString("session_id", ""))) {
            send(webSocket, DataObject.empty().put("op", 9).put("d", false));
            return;
        }
        resumes++;
        long seen = d.getLong("seq", 0);
        live = true;
        for (DataObject frame : dispatched) {
            if (frame.getLong("s") > seen) {
                send(webSocket, frame);
            }
        }
        dispatch("RESUMED", DataObject.empty());
    }

    /** Sends a dispatch now, or keeps it for the resume when the client is disconnected. */
    void dispatch(String type, DataObject data) {
        synchronized (lock) {
            DataObject frame = DataObject.empty().put("op", 0).put("t", type).put("s", dispatched.size() + 1L)
                    .put("d", data);
            dispatched.add(frame);
            if (live && socket != null) {
                send(socket, frame);
            }
        }
    }

    /** Drops the connection as Discord does now and then (close code 4000): the client should resume. */
    void drop() {
        synchronized (lock) {
            if (socket != null) {
                live = false;
                socket.close(4000, "Unknown error");
            }
        }
    }

    /** Intents (raw bits) the application is not allowed, as when a privileged intent is switched off. */
    void disallow(int intents) {
        synchronized (lock) {
            disallowedIntents = intents;
        }
    }

    boolean live() {
        return live;
    }

    int identifies() {
        return identifies.size();
    }

    DataObject lastIdentify() {
        return identifies.get(identifies.size() - 1);
    }

    int resumes() {
        return resumes;
    }

    int heartbeats() {
        return heartbeats;
    }

    private static void send(WebSocket webSocket, DataObject frame) {
        webSocket.send(frame.toString());
    }
}
