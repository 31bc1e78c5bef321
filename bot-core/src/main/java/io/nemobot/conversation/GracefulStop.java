package io.nemobot.conversation;

import io.nemobot.chat.ThreadKey;
import io.nemobot.reply.LiveReply;
import io.nemobot.session.SessionRegistry;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's part of a graceful stop (SIGTERM): new messages are answered that the bot is restarting
 * (the dispatcher reads the drain flag), the work in flight may end for up to the grace period, and the
 * chat turns still running then are left recorded as open (the next start explains them, as after a
 * crash) with their replies ended first: the text so far, no progress line, and a note that the bot
 * is restarting. No reply is left looking as if it were still streaming.
 */
final class GracefulStop {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final ShutdownFlag shutdown;
    private final ThreadLanes lanes;
    private final RunningTurns running;
    private final SessionRegistry sessions;

    GracefulStop(ShutdownFlag shutdown, ThreadLanes lanes, RunningTurns running, SessionRegistry sessions) {
        this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.running = Objects.requireNonNull(running, "running");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Drains for up to {@code grace}, then stops, and returns once the interrupted replies show the note
     * (at most {@code deliveryWait} more). Returns how many turns were interrupted.
     */
    int run(Duration grace, Duration deliveryWait) {
        shutdown.drain();
        LOG.info("Stopping: new messages are told the bot is restarting; work in flight may end within {}", grace);
        boolean idle;
        try {
            idle = lanes.awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        shutdown.raise();
        if (idle) {
            LOG.info("Stopping: no work in flight");
            return 0;
        }
        Map<ThreadKey, LiveReply> replies = running.now();
        List<CompletableFuture<Void>> shown = new ArrayList<>();
        replies.forEach((thread, reply) -> {
            Messages words = Messages.of(sessions.binding(thread).map(ThreadBinding::language).orElse("en"));
            shown.add(reply.interrupt(words.get("shutdown.turn")));
        });
        LOG.info("Stopping: {} turn(s) still running stay open and are explained after the restart", replies.size());
        try {
            CompletableFuture.allOf(shown.toArray(CompletableFuture[]::new))
                    .get(deliveryWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Stopping: not every interrupted reply could be updated ({})", e.toString());
        }
        return replies.size();
    }
}
