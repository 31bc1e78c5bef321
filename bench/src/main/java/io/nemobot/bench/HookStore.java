package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import io.nemobot.store.AcceptedMessage;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.PendingRender;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The in-memory store, telling the benchmark when a thread gets its backend session, before the core
 * uses it: that is when the conversation's script is queued in the simulator for that session.
 */
final class HookStore implements Store {
    private final Store delegate;
    private final BiConsumer<ThreadKey, String> onSession;

    HookStore(Store delegate, BiConsumer<ThreadKey, String> onSession) {
        this.delegate = delegate;
        this.onSession = onSession;
    }

    @Override
    public void saveBinding(ThreadBinding binding) {
        Optional<String> before = delegate.binding(binding.thread()).flatMap(ThreadBinding::sessionId);
        if (binding.sessionId().isPresent() && !binding.sessionId().equals(before)) {
            onSession.accept(binding.thread(), binding.sessionId().get());
        }
        delegate.saveBinding(binding);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        return delegate.binding(thread);
    }

    @Override
    public Optional<String> credential(String name) {
        return delegate.credential(name);
    }

    @Override
    public void saveCredential(String name, String value) {
        delegate.saveCredential(name, value);
    }

    @Override
    public void savePendingRender(PendingRender render) {
        delegate.savePendingRender(render);
    }

    @Override
    public void deletePendingRender(String renderId) {
        delegate.deletePendingRender(renderId);
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        return delegate.claimRenderLink(renderId);
    }

    @Override
    public void renderLinkPosted(String renderId, String messageId) {
        delegate.renderLinkPosted(renderId, messageId);
    }

    @Override
    public List<PendingRender> pendingRenders() {
        return delegate.pendingRenders();
    }

    @Override
    public void saveOpenTurn(OpenTurn turn) {
        delegate.saveOpenTurn(turn);
    }

    @Override
    public void deleteOpenTurn(ThreadKey thread) {
        delegate.deleteOpenTurn(thread);
    }

    @Override
    public List<OpenTurn> openTurns() {
        return delegate.openTurns();
    }

    @Override
    public Optional<OpenTurn> openTurn(ThreadKey thread) {
        return delegate.openTurn(thread);
    }

    @Override
    public void saveAcceptedMessage(AcceptedMessage message) {
        delegate.saveAcceptedMessage(message);
    }

    @Override
    public boolean removeAcceptedMessage(String eventId, String owner) {
        return delegate.removeAcceptedMessage(eventId, owner);
    }

    @Override
    public List<AcceptedMessage> adoptAcceptedMessages(String owner) {
        return delegate.adoptAcceptedMessages(owner);
    }

    @Override
    public Optional<AcceptedMessage> acceptedMessage(String eventId) {
        return delegate.acceptedMessage(eventId);
    }

    @Override
    public List<AcceptedMessage> acceptedMessages() {
        return delegate.acceptedMessages();
    }

    @Override
    public int countTurn(String userKey, LocalDate day) {
        return delegate.countTurn(userKey, day);
    }

    @Override
    public int turns(String userKey, LocalDate day) {
        return delegate.turns(userKey, day);
    }

    @Override
    public void recordUsage(io.nemobot.store.TurnUsage usage) {
        delegate.recordUsage(usage);
    }

    @Override
    public List<io.nemobot.store.UsageTotal> usage(String platform, String workspace, java.time.Instant since) {
        return delegate.usage(platform, workspace, since);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
