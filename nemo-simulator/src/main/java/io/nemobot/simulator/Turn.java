package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * A scripted chat stream: what one {@code POST /run_sse} answers, step by step. Immutable: every
 * method returns a new turn with one more step, so a turn can be shared and replayed.
 *
 * <pre>{@code
 * Turn.agent().text("Generating ").text("your video.").finalText("Generating your video.")
 *     .toolCall("generate_video").heartbeat().setDraft(Drafts.demo()).finalText("Done.")
 * }</pre>
 *
 * <p>Every event is flushed as soon as it is written. The stream closes cleanly after the last
 * step (there is no end marker), unless a step {@link #cut() cuts} or {@link #hang() hangs} it.
 */
public final class Turn {

    static final String EVENT_STREAM = "text/event-stream";

    private final SseFamily family;
    private final List<TurnStep> steps;
    private final String contentType;

    private Turn(SseFamily family, List<TurnStep> steps, String contentType) {
        this.family = family;
        this.steps = steps;
        this.contentType = contentType;
    }

    /** A turn in the typed family: {@code {"type":"text","content":..}}, tool_call, heartbeat... */
    public static Turn typed() {
        return new Turn(SseFamily.TYPED, List.of(), EVENT_STREAM);
    }

    /** A turn in the ADK agent family: {@code {"id":..,"author":"nemo_agent","content":{..}}}. */
    public static Turn agent() {
        return new Turn(SseFamily.AGENT, List.of(), EVENT_STREAM);
    }

    /** Typed: a text event. Agent: a {@code partial:true} chunk. */
    public Turn text(String chunk) {
        return with(new TurnStep.Chunk(require(chunk, "chunk")));
    }

    /** Agent: a non-partial event carrying the whole text. Typed: a text event. */
    public Turn finalText(String whole) {
        return with(new TurnStep.Whole(require(whole, "whole")));
    }

    /**
     * Streams {@code whole} as chunks of {@code wordsPerChunk} words; the agent family then sends the
     * whole text again as the final event (the typed family has no final event).
     */
    public Turn textInChunks(String whole, int wordsPerChunk) {
        require(whole, "whole");
        if (wordsPerChunk < 1) {
            throw new IllegalArgumentException("wordsPerChunk must be >= 1, was " + wordsPerChunk);
        }
        Turn turn = this;
        for (String chunk : chunks(whole, wordsPerChunk)) {
            turn = turn.text(chunk);
        }
        return family == SseFamily.AGENT ? turn.finalText(whole) : turn;
    }

    /** Agent: a part with {@code "thought":true}. Typed: {@code {"type":"thought","content":..}}. */
    public Turn thought(String text) {
        return with(new TurnStep.Thought(require(text, "text")));
    }

    /** Typed {@code tool_call} / agent {@code functionCall} part, with empty args. */
    public Turn toolCall(String name) {
        return toolCall(name, new JsonObject());
    }

    public Turn toolCall(String name, JsonObject args) {
        return with(new TurnStep.ToolCall(require(name, "name"), require(args, "args").deepCopy()));
    }

    /** Typed {@code tool_result} / agent {@code functionResponse} part, with an empty result. */
    public Turn toolResult(String name) {
        return toolResult(name, new JsonObject());
    }

    public Turn toolResult(String name, JsonObject result) {
        return with(new TurnStep.ToolResult(require(name, "name"), require(result, "result").deepCopy()));
    }

    /** Typed {@code {"type":"heartbeat"}}; agent: an event with no content. */
    public Turn heartbeat() {
        return with(new TurnStep.Heartbeat());
    }

    /** An SSE comment line {@code : ping}. */
    public Turn comment() {
        return comment("ping");
    }

    public Turn comment(String text) {
        return raw(": " + require(text, "text") + "\n\n");
    }

    /** An empty {@code data:} line. */
    public Turn emptyData() {
        return raw("data:\n\n");
    }

    /** {@code {"error":message}}. */
    public Turn error(String message) {
        return with(new TurnStep.ErrorEvent(require(message, "message")));
    }

    /** {@code {"errorCode":code,"errorMessage":message}}. */
    public Turn errorCode(String code, String message) {
        return with(new TurnStep.ErrorCode(require(code, "code"), require(message, "message")));
    }

    /** A well-formed event of an unknown type: {@code {"type":"mystery","x":1}}. */
    public Turn unknownEvent() {
        return with(new TurnStep.Unknown());
    }

    /** A data line that is not JSON: {@code data: &#123;not json}. */
    public Turn malformed() {
        return raw("data: {not json\n\n");
    }

    /** These characters written as they are (UTF-8), then flushed. */
    public Turn raw(String sseText) {
        return with(new TurnStep.Raw(require(sseText, "sseText")));
    }

    /** Flush, then wait this long before the next step (cut short by reset/close). */
    public Turn pause(Duration duration) {
        require(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration may not be negative, was " + duration);
        }
        return duration.isZero() ? this : with(new TurnStep.Pause(duration));
    }

    /** Flush, then wait until {@code gate} opens (or the simulator is reset or closed). */
    public Turn pauseUntil(CountDownLatch gate) {
        require(gate, "gate");
        return pauseUntil(() -> gate.getCount() == 0);
    }

    /**
     * Flush, then wait until {@code condition} holds (checked every few milliseconds on a shared
     * thread), or the simulator is reset or closed.
     */
    public Turn pauseUntil(BooleanSupplier condition) {
        return with(new TurnStep.PauseUntil(require(condition, "condition")));
    }

    /** At this point of the stream, the session's draft becomes (a copy of) {@code draft}. */
    public Turn setDraft(JsonObject draft) {
        return with(new TurnStep.SetDraft(require(draft, "draft").deepCopy()));
    }

    /** Write half an event, then drop the socket: no clean end of the chunked body. */
    public Turn cut() {
        return with(new TurnStep.Cut());
    }

    /** No byte more until the simulator is reset or closed; then the socket is dropped. */
    public Turn hang() {
        return with(new TurnStep.Hang());
    }

    /** Overrides the response Content-Type (default {@code text/event-stream}). */
    public Turn contentType(String contentType) {
        return new Turn(family, steps, require(contentType, "contentType"));
    }

    SseFamily family() {
        return family;
    }

    List<TurnStep> steps() {
        return steps;
    }

    String contentType() {
        return contentType;
    }

    private Turn with(TurnStep step) {
        List<TurnStep> more = new ArrayList<>(steps.size() + 1);
        more.addAll(steps);
        more.add(step);
        return new Turn(family, Collections.unmodifiableList(more), contentType);
    }

    private static List<String> chunks(String whole, int wordsPerChunk) {
        List<String> chunks = new ArrayList<>();
        String[] words = whole.split("(?<= )");
        StringBuilder chunk = new StringBuilder();
        int count = 0;
        for (String word : words) {
            chunk.append(word);
            if (++count == wordsPerChunk) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                count = 0;
            }
        }
        if (chunk.length() > 0) {
            chunks.add(chunk.toString());
        }
        return chunks;
    }

    private static <T> T require(T value, String name) {
        return Objects.requireNonNull(value, name + " may not be null");
    }

    @Override
    public String toString() {
        return "Turn(" + family + ", " + steps.size() + " steps, " + contentType + ")";
    }
}
