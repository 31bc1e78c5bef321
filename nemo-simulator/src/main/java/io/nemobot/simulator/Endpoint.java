package io.nemobot.simulator;

/** The backend endpoints the simulator plays; the unit of faults and recordings. */
public enum Endpoint {
    /** {@code POST /api/auth/anonymous-token}. */
    ANON_TOKEN,
    /** {@code POST /api/tasks/me/with-session/nemo_agent}. */
    CREATE_SESSION,
    /** {@code POST /run_sse}. */
    CHAT,
    /** {@code POST /api/upload-video/nemo_agent/me/<sid>}. */
    UPLOAD,
    /** {@code GET /api/credits/balance/simple}. */
    CREDITS,
    /** {@code GET /api/state/nemo_agent/me/<sid>/latest}. */
    STATE,
    /** {@code POST /api/render/proxy/lambda}. */
    RENDER_SUBMIT,
    /** {@code GET /api/render/proxy/lambda/<id>}. */
    RENDER_POLL,
    /** {@code POST /api/render/proxy/lambda/<id>/cancel}. */
    RENDER_CANCEL,
    /** {@code GET /api/render/proxy/<id>/download}. */
    RENDER_DOWNLOAD,
    /** {@code GET /cdn/<name>}: the fake CDN serving uploaded and rendered media (no auth). */
    CDN,
    /** Any other path: answered with HTTP 404. */
    OTHER;

    /** True when the endpoint requires {@code Authorization: Bearer <token>}. */
    boolean needsAuth() {
        return this != ANON_TOKEN && this != CDN && this != OTHER;
    }
}
