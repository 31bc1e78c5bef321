package io.nemobot.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The knobs a test turns; each read is a consistent single value (volatile). */
final class Settings {

    static final long DEFAULT_UPLOAD_LIMIT = 500L * 1024 * 1024;
    static final Duration DEFAULT_DEMO_PACE = Duration.ofMillis(100);

    private volatile boolean tokenQuota = true;
    private volatile boolean unauthorizedAsHttp401;
    private volatile long uploadLimitBytes = DEFAULT_UPLOAD_LIMIT;
    private volatile Duration demoPace = DEFAULT_DEMO_PACE;
    private volatile RenderShape renderShape = RenderShape.DATA_OUTPUT_URL;
    private volatile RenderScript renderScript = RenderScript.standard();
    private volatile Turn defaultTurn;
    private volatile java.util.function.Function<String, Turn> turnByText;
    private volatile Balance balance = Balance.FREE;
    private volatile int creditsPerTurn;
    private final Map<Endpoint, ReplyShape> replyShapes = new EnumMap<>(Endpoint.class);

    boolean tokenQuota() {
        return tokenQuota;
    }

    void tokenQuota(boolean on) {
        tokenQuota = on;
    }

    boolean unauthorizedAsHttp401() {
        return unauthorizedAsHttp401;
    }

    void unauthorizedAsHttp401(boolean on) {
        unauthorizedAsHttp401 = on;
    }

    long uploadLimitBytes() {
        return uploadLimitBytes;
    }

    void uploadLimitBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes may not be negative, was " + bytes);
        }
        uploadLimitBytes = bytes;
    }

    Duration demoPace() {
        return demoPace;
    }

    void demoPace(Duration pace) {
        if (Objects.requireNonNull(pace, "perChunk may not be null").isNegative()) {
            throw new IllegalArgumentException("perChunk may not be negative, was " + pace);
        }
        demoPace = pace;
    }

    RenderShape renderShape() {
        return renderShape;
    }

    void renderShape(RenderShape shape) {
        renderShape = shape;
    }

    RenderScript renderScript() {
        return renderScript;
    }

    void renderScript(RenderScript script) {
        renderScript = script;
    }

    /** The turn played when none is queued, or null for the demo behaviour. */
    Turn defaultTurn() {
        return defaultTurn;
    }

    void defaultTurn(Turn turn) {
        defaultTurn = turn;
    }

    /** Picks a turn from a chat message's text when none is queued (null: none picks). */
    java.util.function.Function<String, Turn> turnByText() {
        return turnByText;
    }

    void turnByText(java.util.function.Function<String, Turn> chooser) {
        turnByText = chooser;
    }

    Balance balance() {
        return balance;
    }

    void balance(Balance credits) {
        balance = credits;
    }

    int creditsPerTurn() {
        return creditsPerTurn;
    }

    void creditsPerTurn(int credits) {
        if (credits < 0) {
            throw new IllegalArgumentException("credits may not be negative: " + credits);
        }
        creditsPerTurn = credits;
    }

    /** Takes a turn's cost off the balance (never below zero). */
    synchronized void charge(int credits) {
        Balance b = balance;
        int spent = Math.min(credits, b.available());
        balance = new Balance(b.available() - spent, b.frozen(), Math.max(0, b.total() - spent));
    }

    synchronized ReplyShape replyShape(Endpoint endpoint) {
        return replyShapes.getOrDefault(endpoint, ReplyShape.ENVELOPE);
    }

    synchronized void replyShape(Endpoint endpoint, ReplyShape shape) {
        replyShapes.put(endpoint, shape);
    }
}
