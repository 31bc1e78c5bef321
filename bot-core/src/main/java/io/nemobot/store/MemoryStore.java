package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store that forgets everything when the process ends: for tests and the benchmark. Like the
 * database stores, it refuses writes once closed, so a test cannot pass here and fail on them.
 */
public final class MemoryStore implements Store {
    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final Map<ThreadKey, ThreadBinding> bindings = new ConcurrentHashMap<>();
    private final Map<String, PendingRender> renders = new ConcurrentHashMap<>();
    private final Map<ThreadKey, OpenTurn> turns = new ConcurrentHashMap<>();
    private final Map<String, AcceptedMessage> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> daily = new ConcurrentHashMap<>();
    private final List<TurnUsage> usage = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public Optional<String> credential(String name) {
        return Optional.ofNullable(credentials.get(name));
    }

    @Override
    public void saveCredential(String name, String value) {
        open();
        credentials.put(name, value);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        return Optional.ofNullable(bindings.get(thread));
    }

    @Override
    public void saveBinding(ThreadBinding binding) {
        open();
        bindings.put(binding.thread(), binding);
    }

    @Override
    public void savePendingRender(PendingRender render) {
        open();
        // As the SQL stores: saving again keeps the link's claim and message.
        renders.merge(render.renderId(), render, (old, now) -> new PendingRender(now.renderId(), now.thread(),
                now.sessionId(), now.skillId(), now.requesterId(), now.requesterName(), now.progressMessage(),
                now.startedAt(), old.linkClaimed() || now.linkClaimed(),
                old.linkMessage() != null ? old.linkMessage() : now.linkMessage()));
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        open();
        boolean[] claimed = new boolean[1];
        renders.computeIfPresent(renderId, (id, r) -> {
            if (r.linkClaimed()) {
                return r;
            }
            claimed[0] = true;
            return new PendingRender(r.renderId(), r.thread(), r.sessionId(), r.skillId(), r.requesterId(),
                    r.requesterName(), r.progressMessage(), r.startedAt(), true, null);
        });
        return claimed[0];
    }

    @Override
    public void renderLinkPosted(String renderId, String messageId) {
        open();
        renders.computeIfPresent(renderId, (id, r) -> !r.linkClaimed() ? r : new PendingRender(r.renderId(),
                r.thread(), r.sessionId(), r.skillId(), r.requesterId(), r.requesterName(), r.progressMessage(),
                r.startedAt(), true, messageId));
    }

    @Override
    public void deletePendingRender(String renderId) {
        open();
        renders.remove(renderId);
    }

    @Override
    public List<PendingRender> pendingRenders() {
        List<PendingRender> list = new ArrayList<>(renders.values());
        list.sort(Comparator.comparing(PendingRender::startedAt));
        return list;
    }

    @Override
    public void saveOpenTurn(OpenTurn turn) {
        open();
        turns.put(turn.thread(), turn);
    }

    @Override
    public void deleteOpenTurn(ThreadKey thread) {
        open();
        turns.remove(thread);
    }

    @Override
    public List<OpenTurn> openTurns() {
        return new ArrayList<>(turns.values());
    }

    @Override
    public Optional<OpenTurn> openTurn(ThreadKey thread) {
        return Optional.ofNullable(turns.get(thread));
    }

    @Override
    public void saveAcceptedMessage(AcceptedMessage message) {
        open();
        accepted.putIfAbsent(message.eventId(), message);
    }

    @Override
    public boolean removeAcceptedMessage(String eventId, String owner) {
        open();
        AcceptedMessage m = accepted.get(eventId);
        return m != null && m.owner().equals(owner) && accepted.remove(eventId, m);
    }

    @Override
    public synchronized List<AcceptedMessage> adoptAcceptedMessages(String owner) {
        open();
        List<AcceptedMessage> adopted = new ArrayList<>();
        for (AcceptedMessage m : acceptedMessages()) {
            if (!m.owner().equals(owner) && accepted.replace(m.eventId(), m, m.ownedBy(owner))) {
                adopted.add(m.ownedBy(owner));
            }
        }
        return adopted;
    }

    @Override
    public Optional<AcceptedMessage> acceptedMessage(String eventId) {
        return Optional.ofNullable(accepted.get(eventId));
    }

    @Override
    public List<AcceptedMessage> acceptedMessages() {
        List<AcceptedMessage> list = new ArrayList<>(accepted.values());
        list.sort(Comparator.comparing(AcceptedMessage::writtenAt).thenComparing(AcceptedMessage::eventId));
        return list;
    }

    @Override
    public int countTurn(String userKey, LocalDate day) {
        open();
        return daily.merge(userKey + "@" + day, 1, Integer::sum);
    }

    @Override
    public int turns(String userKey, LocalDate day) {
        return daily.getOrDefault(userKey + "@" + day, 0);
    }

    @Override
    public void recordUsage(TurnUsage turn) {
        open();
        usage.add(turn);
    }

    @Override
    public List<UsageTotal> usage(String platform, String workspace, Instant since) {
        Map<List<String>, UsageTotal> sums = new java.util.TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (TurnUsage u : usage) {
            ThreadKey t = u.thread();
            if (!t.platform().equals(platform) || !t.workspace().equals(workspace) || u.at().isBefore(since)) {
                continue;
            }
            sums.merge(List.of(t.channel(), u.userId()), new UsageTotal(t.channel(), u.userId(), u.userName(), 1,
                    u.credits()), (a, b) -> new UsageTotal(a.channel(), a.userId(),
                    a.userName().compareTo(b.userName()) >= 0 ? a.userName() : b.userName(), a.turns() + b.turns(),
                    a.credits() + b.credits()));
        }
        return new ArrayList<>(sums.values());
    }

    @Override
    public void close() {
        closed = true;
    }

    private void open() {
        if (closed) {
            throw new StoreException("the store is closed", null);
        }
    }
}
