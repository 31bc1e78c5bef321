package io.nemobot.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Scripted turns waiting for a chat message: per session first, then for any session. */
final class TurnQueue {

    private final Deque<Turn> any = new ArrayDeque<>();
    private final Map<String, Deque<Turn>> bySession = new HashMap<>();

    synchronized void enqueue(Turn turn) {
        any.addLast(turn);
    }

    synchronized void enqueue(String sessionId, Turn turn) {
        bySession.computeIfAbsent(sessionId, s -> new ArrayDeque<>()).addLast(turn);
    }

    /** The next queued turn for this session, or null. */
    synchronized Turn next(String sessionId) {
        Deque<Turn> queue = bySession.get(sessionId);
        if (queue != null && !queue.isEmpty()) {
            return queue.removeFirst();
        }
        return any.pollFirst();
    }
}
