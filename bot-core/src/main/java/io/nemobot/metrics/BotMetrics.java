package io.nemobot.metrics;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * What the core tells operators, one typed method per moment worth counting, so that callers need no
 * metrics library and tests that do not care pass {@link #NONE}. Label values given as strings
 * (intent, reason, endpoint, platform, method) must come from small fixed sets, never ids: the
 * implementation lower-cases them, replaces anything but letters, digits and {@code _}, and folds
 * values past a small number of distinct ones into {@code other}. Implementations are thread-safe and
 * never throw.
 */
public interface BotMetrics {
    /** Counts nothing. */
    BotMetrics NONE = new NoMetrics();

    /**
     * A turn ended: {@code nemo_turns_total{intent,outcome,reason}}, and unless it was
     * {@link TurnOutcome#REFUSED}, its duration in {@code nemo_turn_duration_seconds{intent}}.
     *
     * @param intent   what the message asked for, e.g. {@code chat}, {@code export} (an intent's name)
     * @param reason   for {@link TurnOutcome#FAILED} the error code (e.g. {@code backend_unavailable}),
     *                 for {@link TurnOutcome#REFUSED} the limit (e.g. {@code user_daily_turns});
     *                 empty otherwise
     * @param duration from the message's arrival to the turn's last word
     */
    void turnEnded(String intent, TurnOutcome outcome, String reason, Duration duration);

    /** The first reply text of a chat turn was shown this long after the message arrived: {@code nemo_turn_first_text_seconds}. */
    void firstText(Duration sinceMessage);

    /**
     * One backend call returned: {@code nemo_backend_request_duration_seconds{endpoint,outcome}}.
     *
     * @param endpoint a fixed name per backend operation, e.g. {@code chat}, {@code credits}, {@code upload}
     */
    void backendCall(String endpoint, CallOutcome outcome, Duration latency);

    /**
     * One chat platform call returned (429s included as {@link CallOutcome#RATE_LIMITED}):
     * {@code nemo_platform_request_duration_seconds{platform,method,outcome}}.
     *
     * @param platform e.g. {@code discord}, {@code slack}, {@code terminal}
     * @param method   the kind of call, e.g. {@code post}, {@code edit}, {@code upload}
     */
    void platformCall(String platform, String method, CallOutcome outcome, Duration latency);

    /** Text that arrived from the backend reached the platform this much later: {@code nemo_chunk_lag_seconds{platform}}. */
    void chunkLag(String platform, Duration lag);

    /** A render ended, this long after it was submitted: {@code nemo_render_duration_seconds{outcome}}. */
    void render(RenderOutcome outcome, Duration duration);

    /** Bytes sent to the backend as uploads: {@code nemo_upload_bytes_total}. */
    void uploadBytes(long bytes);

    /** One durable store write took this long: {@code nemo_store_write_duration_seconds}. */
    void storeWrite(Duration latency);

    /** The account's available credits as last polled: {@code nemo_credits_available} (NaN until the first poll). */
    void creditsAvailable(long credits);

    /** Where {@code nemo_conversations_live} reads the number of conversations with a turn in progress or queued. */
    void conversationsLive(IntSupplier live);

    /** Where {@code nemo_renders_in_flight} reads the number of renders submitted and not yet ended. */
    void rendersInFlight(IntSupplier inFlight);

    /** Where {@code nemo_ready} (1 or 0) reads whether the bot is ready, as {@code /readyz} says. */
    void ready(BooleanSupplier ready);
}
