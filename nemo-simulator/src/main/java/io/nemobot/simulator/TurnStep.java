package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** One step of a scripted {@link Turn}; each knows how to play itself on a {@link Playback}. */
sealed interface TurnStep {

    void play(Playback playback) throws IOException;

    /** A text chunk: typed text event, or agent {@code partial:true} event. */
    record Chunk(String text) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.text(text, true);
        }
    }

    /** The whole text: typed text event, or agent event without {@code partial}. */
    record Whole(String text) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.text(text, false);
        }
    }

    record Thought(String text) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(p.events().thought(text));
        }
    }

    record ToolCall(String name, JsonObject args) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(p.events().toolCall(name, args));
        }
    }

    record ToolResult(String name, JsonObject result) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(p.events().toolResult(name, result));
        }
    }

    record Heartbeat() implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(p.events().heartbeat());
        }
    }

    record ErrorEvent(String message) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(SseEvents.error(message));
        }
    }

    record ErrorCode(String code, String message) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(SseEvents.errorCode(code, message));
        }
    }

    record Unknown() implements TurnStep {
        public void play(Playback p) throws IOException {
            p.event(SseEvents.unknown());
        }
    }

    /** Bytes written as they are: comments, empty data lines, malformed events, anything. */
    record Raw(String text) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.raw(text);
        }
    }

    record Pause(Duration duration) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.pause(duration);
        }
    }

    record PauseUntil(BooleanSupplier condition) implements TurnStep {
        public void play(Playback p) throws IOException {
            p.pauseUntil(condition);
        }
    }

    record SetDraft(JsonObject draft) implements TurnStep {
        public void play(Playback p) {
            p.setDraft(draft);
        }
    }

    record Cut() implements TurnStep {
        public void play(Playback p) throws IOException {
            p.cut();
        }
    }

    record Hang() implements TurnStep {
        public void play(Playback p) throws IOException {
            p.hang();
        }
    }
}
