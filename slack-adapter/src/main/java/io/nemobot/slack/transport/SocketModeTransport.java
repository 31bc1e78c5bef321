package io.nemobot.slack.transport;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: the bot opens a WebSocket to Slack with the app-level token (asking
 * {@code apps.connections.open} on the configured Web API base) and Bolt acknowledges each envelope
 * after its handler returned, which is at once: the core works after the ack.
 */
public final class SocketModeTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(SocketModeTransport.class);
    private static final int CONCURRENCY = 4;

    private final App app;
    private final String appToken;
    private SocketModeApp socketMode;

    public SocketModeTransport(App app, String appToken) {
        this.app = app;
        this.appToken = appToken;
    }

    @Override
    public synchronized void start() throws Exception {
        socketMode = new SocketModeApp(appToken, app, SocketModeClient.Backend.Tyrus, CONCURRENCY);
        socketMode.startAsync();
        log.info("Slack Socket Mode: connected");
    }

    @Override
    public synchronized boolean running() {
        return socketMode != null && !socketMode.isClientStopped();
    }

    /** Closes the connection (and the client's reconnecting monitor); the Web API client is not this transport's. */
    @Override
    public synchronized boolean handOver() {
        if (socketMode == null) {
            return false;
        }
        close();
        log.info("Slack Socket Mode: connection closed, Slack hands new events to the other processes");
        return true;
    }

    @Override
    public synchronized void close() {
        if (socketMode == null) {
            return;
        }
        SocketModeClient client = socketMode.getClient();
        try {
            socketMode.close();
        } catch (Exception e) {
            log.debug("Closing Socket Mode failed", e);
        } finally {
            socketMode = null;
        }
        // SocketModeApp forgets its client without closing it, and disconnects it only when a ping is answered:
        // closing it here ends the session whatever its state and stops its monitor from reconnecting.
        if (client != null) {
            try {
                client.close();
            } catch (Exception e) {
                log.debug("Closing the Socket Mode client failed", e);
            }
        }
    }
}
