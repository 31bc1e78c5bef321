package io.nemobot.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The backend sessions: each holds its draft and media. */
final class Sessions {

    /** The ids a session creation returns. */
    record Created(String taskId, String sessionId, String userId) {
    }

    private static final class Session {
        JsonObject draft = Drafts.empty();
        final JsonArray videoInfos = new JsonArray();
        final JsonArray generatedMedia = new JsonArray();
    }

    private final Map<String, Session> byId = new LinkedHashMap<>();
    private int counter;
    private int created;

    synchronized Created create(String userId) {
        int n = ++counter;
        created++;
        Created ids = new Created("task_" + n, "sess_" + n, userId);
        byId.put(ids.sessionId(), new Session());
        return ids;
    }

    synchronized boolean exists(String sessionId) {
        return byId.containsKey(sessionId);
    }

    synchronized void drop(String sessionId) {
        byId.remove(sessionId);
    }

    /** A copy of the draft, or null for an unknown session. */
    synchronized JsonObject draft(String sessionId) {
        Session session = byId.get(sessionId);
        return session == null ? null : session.draft.deepCopy();
    }

    /** Sets the draft; false for an unknown session. */
    synchronized boolean setDraft(String sessionId, JsonObject draft) {
        Session session = byId.get(sessionId);
        if (session == null) {
            return false;
        }
        session.draft = draft.deepCopy();
        return true;
    }

    /** Adds an uploaded file to generated_media (and to video_infos for a video). */
    synchronized void addMedia(String sessionId, JsonObject file, boolean video) {
        Session session = byId.get(sessionId);
        if (session != null) {
            session.generatedMedia.add(file.deepCopy());
            if (video) {
                session.videoInfos.add(file.deepCopy());
            }
        }
    }

    /** The {@code state} object of the state endpoint, or null for an unknown session. */
    synchronized JsonObject state(String sessionId) {
        Session session = byId.get(sessionId);
        if (session == null) {
            return null;
        }
        JsonObject canvas = new JsonObject();
        canvas.addProperty("width", 1920);
        canvas.addProperty("height", 1080);
        JsonObject state = new JsonObject();
        state.add("draft", session.draft.deepCopy());
        state.add("video_infos", session.videoInfos.deepCopy());
        state.add("generated_media", session.generatedMedia.deepCopy());
        state.add("canvas_config", canvas);
        return state;
    }

    synchronized int created() {
        return created;
    }
}
