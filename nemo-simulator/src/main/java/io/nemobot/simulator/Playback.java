package io.nemobot.simulator;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays one {@link Turn} on one response: every write is flushed at once. */
final class Playback {

    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);

    private static final Duration CUT_LINGER = Duration.ofMillis(50);

    private final Call call;
    private final OutputStream out;
    private final SseEvents events;
    private final String sessionId;

    private Playback(Call call, OutputStream out, SseEvents events, String sessionId) {
        this.call = call;
        this.out = out;
        this.events = events;
        this.sessionId = sessionId;
    }

    /** Sends the headers, plays every step, then ends the stream (unless a step drops it). */
    static void play(Call call, Turn turn, String sessionId) throws IOException {
        HttpExchange exchange = call.exchange();
        exchange.getResponseHeaders().set("Content-Type", turn.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        Recorder recorder = call.context().recorder();
        recorder.streamOpened();
        try {
            OutputStream out = exchange.getResponseBody();
            out.flush();
            SseEvents events = new SseEvents(turn.family(), call.context().nextInvocationId());
            Playback playback = new Playback(call, out, events, sessionId);
            for (TurnStep step : turn.steps()) {
                step.play(playback);
            }
            out.close();
        } finally {
            recorder.streamClosed();
        }
    }

    SseEvents events() {
        return events;
    }

    void event(JsonObject event) throws IOException {
        raw("data: " + Json.write(event) + "\n\n");
    }

    void raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void text(String text, boolean partial) throws IOException {
        event(events.text(text, partial));
        long flushedAt = System.nanoTime();
        for (ChunkListener listener : call.context().chunkListeners()) {
            try {
                listener.emitted(sessionId, text, flushedAt);
            } catch (RuntimeException e) {
                LOG.warn("Chunk listener failed for session {}", sessionId, e);
            }
        }
    }

    void pause(Duration duration) throws IOException {
        out.flush();
        try {
            if (call.context().gate().sleep(duration)) {
                throw call.abort("released during a pause");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.abort("interrupted during a pause");
        }
    }

    void pauseUntil(BooleanSupplier condition) throws IOException {
        out.flush();
        try {
            if (call.context().gate().awaitCondition(condition)) {
                throw call.abort("released before the turn's gate opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.abort("interrupted during a pause");
        }
    }

    void setDraft(JsonObject draft) {
        call.context().sessions().setDraft(sessionId, draft);
    }

    /** Half an event, a moment for it to reach the client, then the socket is dropped. */
    void cut() throws IOException {
        raw(events.halfEvent());
        pause(CUT_LINGER);
        throw call.abort("cut mid-event");
    }

    void hang() throws IOException {
        out.flush();
        try {
            call.hangs().sleep(Gate.MAX_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw call.abort("hang released");
    }
}
