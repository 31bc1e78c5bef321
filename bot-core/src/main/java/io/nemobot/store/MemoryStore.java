package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A store that forgets everything when the process ends: for tests and the benchmark. */
public final class MemoryStore implements Store {
    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final Map<ThreadKey, ThreadBinding> bindings = new ConcurrentHashMap<>();
    private final Map<String, PendingRender> renders = new ConcurrentHashMap<>();
    private final Map<ThreadKey, OpenTurn> turns = new ConcurrentHashMap<>();
    private final Map<String, Integer> daily = new ConcurrentHashMap<>();

    @Override
    public Optional<String> credential(String name) {
        return Optional.ofNullable(credentials.get(name));
    }

    @Override
    public void saveCredential(String name, String value) {
        credentials.put(name, value);
    }

    @Override
    public Optional<ThreadBinding> binding(ThreadKey thread) {
        return Optional.ofNullable(bindings.get(thread));
    }

    @Override
    public void saveBinding(ThreadBinding binding) {
        bindings.put(binding.thread(), binding);
    }

    @Override
    public void savePendingRender(PendingRender render) {
        renders.put(render.renderId(), render);
    }

    @Override
    public void deletePendingRender(String renderId) {
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
        turns.put(turn.thread(), turn);
    }

    @Override
    public void deleteOpenTurn(ThreadKey thread) {
        turns.remove(thread);
    }

    @Override
    public List<OpenTurn> openTurns() {
        return new ArrayList<>(turns.values());
    }

    @Override
    public int countTurn(String userKey, LocalDate day) {
        return daily.merge(userKey + "@" + day, 1, Integer::sum);
    }

    @Override
    public int turns(String userKey, LocalDate day) {
        return daily.getOrDefault(userKey + "@" + day, 0);
    }

    @Override
    public void close() {
    }
}
