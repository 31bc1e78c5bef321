package io.nemobot.metrics;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** {@link BotMetrics#NONE}: for code and tests that do not measure. */
final class NoMetrics implements BotMetrics {
    @Override
    public void turnEnded(String intent, TurnOutcome outcome, String reason, Duration duration) {
    }

    @Override
    public void firstText(Duration sinceMessage) {
    }

    @Override
    public void backendCall(String endpoint, CallOutcome outcome, Duration latency) {
    }

    @Override
    public void platformCall(String platform, String method, CallOutcome outcome, Duration latency) {
    }

    @Override
    public void chunkLag(String platform, Duration lag) {
    }

    @Override
    public void render(RenderOutcome outcome, Duration duration) {
    }

    @Override
    public void uploadBytes(long bytes) {
    }

    @Override
    public void storeWrite(Duration latency) {
    }

    @Override
    public void creditsAvailable(long credits) {
    }

    @Override
    public void conversationsLive(IntSupplier live) {
    }

    @Override
    public void rendersInFlight(IntSupplier inFlight) {
    }

    @Override
    public void ready(BooleanSupplier ready) {
    }
}
