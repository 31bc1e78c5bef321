package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import io.nemobot.metrics.BotMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Any {@link Store} with each durable write timed into {@code nemo_store_write_duration_seconds}
 * (failed writes too: an outage shows as slow or failing writes, not as silence). Reads pass straight
 * through. A decorator, so that no store times itself and a new store is measured the day it is
 * added; it must pass on every method of {@link Store} (a test holds it to that).
 */
public final class TimedStore implements Store {
    private final Store inner;
    private final BotMetrics metrics;
    private final LongSupplier nanos;

    private TimedStore(Store inner, BotMetrics metrics, LongSupplier nanos) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** The store with its writes timed; the store itself when nothing is measured. */
    public static Store of(Store store, BotMetrics metrics, LongSupplier nanos) {
        return metrics == BotMetrics.NONE || store instanceof TimedStore ? store : new TimedStore(store, metrics, nanos);
    }

    private <T> T timed(Supplier<T> write) {
        long start = nanos.getAsLong();
        try {
            return write.get();
        } finally {
            metrics.storeWrite(Duration.ofNanos(Math.max(0, nanos.getAsLong() - start)));
        }
    }

    private void timed(Runnable write) {
        timed(() -> {
            write.run();
            return null;
        });
    }

    @Override
    public Optional<String> credential(String name) {
        return inner.credential(name);
    }

    @Override
    public void saveCredential(String name, String value) {
        timed(() -> inner.saveCredential(name, value));
    }

    @Override
    public <T> T exclusively(String name, Supplier<T> work) {
        return inner.exclusively(name, work);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        return inner.binding(thread);
    }

    @Override
    public void saveBinding(ThreadBinding binding) {
        timed(() -> inner.saveBinding(binding));
    }

    @Override
    public void savePendingRender(PendingRender render) {
        timed(() -> inner.savePendingRender(render));
    }

    @Override
    public void deletePendingRender(String renderId) {
        timed(() -> inner.deletePendingRender(renderId));
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        return timed(() -> inner.claimRenderLink(renderId));
    }

    @Override
    public void renderLinkPosted(String renderId, String messageId) {
        timed(() -> inner.renderLinkPosted(renderId, messageId));
    }

    @Override
    public List<PendingRender> pendingRenders() {
        return inner.pendingRenders();
    }

    @Override
    public void saveOpenTurn(OpenTurn turn) {
        timed(() -> inner.saveOpenTurn(turn));
    }

    @Override
    public void deleteOpenTurn(ThreadKey thread) {
        timed(() -> inner.deleteOpenTurn(thread));
    }

    @Override
    public List<OpenTurn> openTurns() {
        return inner.openTurns();
    }

    @Override
    public Optional<OpenTurn> openTurn(ThreadKey thread) {
        return inner.openTurn(thread);
    }

    @Override
    public void saveAcceptedMessage(AcceptedMessage message) {
        timed(() -> inner.saveAcceptedMessage(message));
    }

    @Override
    public boolean removeAcceptedMessage(String eventId, String owner) {
        return timed(() -> inner.removeAcceptedMessage(eventId, owner));
    }

    @Override
    public List<AcceptedMessage> adoptAcceptedMessages(String owner) {
        return timed(() -> inner.adoptAcceptedMessages(owner));
    }

    @Override
    public Optional<AcceptedMessage> acceptedMessage(String eventId) {
        return inner.acceptedMessage(eventId);
    }

    @Override
    public List<AcceptedMessage> acceptedMessages() {
        return inner.acceptedMessages();
    }

    @Override
    public int countTurn(String userKey, LocalDate day) {
        return timed(() -> inner.countTurn(userKey, day));
    }

    @Override
    public int turns(String userKey, LocalDate day) {
        return inner.turns(userKey, day);
    }

    @Override
    public void recordUsage(TurnUsage usage) {
        timed(() -> inner.recordUsage(usage));
    }

    @Override
    public List<UsageTotal> usage(String platform, String workspace, Instant since) {
        return inner.usage(platform, workspace, since);
    }

    @Override
    public void close() {
        inner.close();
    }
}
