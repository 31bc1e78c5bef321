package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link BenchPlatform} shows: every message's current text and when it was last written, the
 * messages of each thread in posting order, and the threads whose assistant status shows. Not
 * thread-safe: the platform calls it under its own lock, one call at a time.
 */
final class ShownMessages {
    /** A message as shown now, and when it was last written. */
    static final class Msg {
        String text;
        long lastAt;

        Msg(String text, long at) {
            this.text = text;
            this.lastAt = at;
        }
    }

    private final Map<String, Msg> messages = new HashMap<>();
    private final Map<ThreadKey, List<String>> threadMessages = new HashMap<>();
    /** Threads whose assistant status shows now: Slack clears it when the app's reply lands (a post or a final). */
    private final Set<ThreadKey> statusShowing = new HashSet<>();
    private int ids;

    /** The message with this id, or null when there is none. */
    Msg get(String id) {
        return messages.get(id);
    }

    /** A new message in the thread, written at {@code now}; returns its id. */
    String post(ThreadKey thread, String text, long now) {
        String id = "m" + ++ids;
        messages.put(id, new Msg(text, now));
        threadMessages.computeIfAbsent(thread, k -> new ArrayList<>()).add(id);
        return id;
    }

    /** The thread's messages as shown now, in posting order. */
    List<String> texts(ThreadKey thread) {
        List<String> out = new ArrayList<>();
        for (String id : threadMessages.getOrDefault(thread, List.of())) {
            out.add(messages.get(id).text);
        }
        return out;
    }

    void statusShown(ThreadKey thread) {
        statusShowing.add(thread);
    }

    /** "Automatically cleared when the app sends a reply." */
    void replyLanded(ThreadKey thread) {
        statusShowing.remove(thread);
    }

    int statusesShowing() {
        return statusShowing.size();
    }
}
