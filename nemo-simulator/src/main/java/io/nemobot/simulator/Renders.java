package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Submitted renders, each stepping through its own script one step per poll. */
final class Renders {

    private static final class Render {
        final RenderScript script;
        final JsonObject body;
        int polls;
        RenderStep last;
        boolean cancelled;

        Render(RenderScript script, JsonObject body) {
            this.script = script;
            this.body = body;
        }
    }

    private final Map<String, Render> byId = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** False when the id is taken. */
    synchronized boolean submit(String id, JsonObject body, RenderScript script) {
        if (byId.containsKey(id)) {
            return false;
        }
        byId.put(id, new Render(script, body.deepCopy()));
        ids.add(id);
        return true;
    }

    /** The next step of the render, or null for an unknown id. */
    synchronized RenderStep poll(String id) {
        Render render = byId.get(id);
        if (render == null) {
            return null;
        }
        render.last = render.cancelled ? RenderStep.failed("cancelled") : render.script.stepAt(render.polls++);
        return render.last;
    }

    /** False for an unknown id; a completed render stays completed. */
    synchronized boolean cancel(String id) {
        Render render = byId.get(id);
        if (render == null) {
            return false;
        }
        if (render.last == null || !render.last.isCompleted()) {
            render.cancelled = true;
        }
        return true;
    }

    /** The step the last poll reported, or null (unknown id, or never polled). */
    synchronized RenderStep lastPolled(String id) {
        Render render = byId.get(id);
        return render == null ? null : render.last;
    }

    /** A copy of the submitted body, or null for an unknown id. */
    synchronized JsonObject body(String id) {
        Render render = byId.get(id);
        return render == null ? null : render.body.deepCopy();
    }

    synchronized List<String> ids() {
        return List.copyOf(ids);
    }
}
