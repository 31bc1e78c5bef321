package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.io.IOException;

/** The render endpoints: submit, poll (in the configured {@link RenderShape}), cancel, download. */
final class RenderEndpoints {

    private static final String[] SKILL_HEADERS = {"X-Skill-Source", "X-Skill-Version", "X-Skill-Platform"};

    private RenderEndpoints() {
    }

    static void submit(Call call) throws IOException {
        if (!hasSkillHeaders(call)) {
            call.json(402, Json.error(402, "free plan export blocked"));
            return;
        }
        JsonObject body = call.json();
        String id = Json.string(body, "id");
        if (id == null || id.isBlank()) {
            call.json(400, Json.failure("missing id"));
            return;
        }
        SimContext context = call.context();
        if (!context.renders().submit(id, body, context.settings().renderScript())) {
            call.json(200, Json.failure("duplicate id"));
            return;
        }
        JsonObject data = new JsonObject();
        data.addProperty("id", id);
        data.addProperty("status", "pending");
        call.json(200, Json.success(data));
    }

    static void poll(Call call) throws IOException {
        String id = call.param(0);
        RenderStep step = call.context().renders().poll(id);
        if (step == null) {
            call.json(404, Json.failure("not found"));
            return;
        }
        call.json(200, shape(call.context(), id, step));
    }

    static void cancel(Call call) throws IOException {
        if (!call.context().renders().cancel(call.param(0))) {
            call.json(404, Json.failure("not found"));
            return;
        }
        call.json(200, Json.success(null));
    }

    static void download(Call call) throws IOException {
        RenderStep last = call.context().renders().lastPolled(call.param(0));
        if (last == null || !last.isCompleted()) {
            call.json(404, Json.failure(last == null ? "not found" : "not ready"));
            return;
        }
        call.bytes(200, "video/mp4", FakeMedia.mp4());
    }

    private static boolean hasSkillHeaders(Call call) {
        for (String name : SKILL_HEADERS) {
            String value = call.header(name);
            if (value == null || value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static JsonObject shape(SimContext context, String id, RenderStep step) {
        String url = step.isCompleted() ? (step.url() != null ? step.url() : context.baseUrl() + "/cdn/" + id + ".mp4")
                : null;
        JsonObject status = new JsonObject();
        status.addProperty("id", id);
        status.addProperty("status", step.status());
        status.addProperty("progress", step.progress());
        if (step.isFailed()) {
            status.addProperty("error", step.error());
        }
        switch (context.settings().renderShape()) {
            case TOP_LEVEL_OUTPUT:
                if (url != null) {
                    JsonObject output = new JsonObject();
                    output.addProperty("url", url);
                    status.add("output", output);
                }
                return status;
            case ENVELOPE:
                if (url != null) {
                    status.addProperty("output_url", url);
                }
                return Json.envelope(status);
            case DATA_OUTPUT_URL:
            default:
                if (url != null) {
                    status.addProperty("outputUrl", url);
                }
                return Json.success(status);
        }
    }
}
