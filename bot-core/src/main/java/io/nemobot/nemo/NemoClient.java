package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.nemobot.metrics.BotMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import okhttp3.MultipartBody;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every endpoint of the Nemo backend, for the rest of the core: typed requests in, typed replies
 * out, one {@link NemoException} for every refusal. Blocking calls on the caller's thread. The work
 * is done by the parts it wires: {@link OkHttpCalls} (the HTTP client), {@link TokenSource} (tokens),
 * {@link RetryPolicy} (what may be tried again) and {@link ChatStreamReader} (chat streams).
 */
public final class NemoClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NemoClient.class);

    private final NemoSettings settings;
    private final OkHttpCalls calls;
    private final TokenSource tokens;
    private final RetryPolicy retry;
    private final ChatStreamReader streams;
    private final BotMetrics metrics;

    /** A client that reports no metrics. */
    public NemoClient(NemoSettings settings, CredentialStore store, Sleeper sleeper, ScheduledExecutorService watchdog,
            LongSupplier nanoTime) {
        this(settings, store, sleeper, watchdog, nanoTime, BotMetrics.NONE);
    }

    /**
     * @param sleeper  waits before retries
     * @param watchdog runs the chat streams' idle and ceiling checks
     * @param nanoTime the monotonic clock those checks read ({@code System::nanoTime} outside tests)
     * @param metrics  where every call's latency and outcome, and the bytes uploaded, are reported
     */
    public NemoClient(NemoSettings settings, CredentialStore store, Sleeper sleeper, ScheduledExecutorService watchdog,
            LongSupplier nanoTime, BotMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.calls = new OkHttpCalls(settings, metrics, nanoTime);
        this.tokens = new TokenSource(settings, store, calls, sleeper);
        this.retry = new RetryPolicy(tokens, sleeper, settings.rateLimitRetryAfter());
        this.streams = new ChatStreamReader(calls, settings, watchdog, nanoTime);
    }

    public NemoSettings settings() {
        return settings;
    }

    /** Whether the token is a configured (registered) one rather than anonymous. */
    public boolean registeredAccount() {
        return tokens.configured();
    }

    /** How many anonymous tokens this process fetched (re-auths are shared by all conversations). */
    public int anonymousTokenFetches() {
        return tokens.fetches();
    }

    // ---- sessions, credits, state -------------------------------------------------------------

    public SessionInfo createSession(SkillHeaders skill, String language) {
        JsonObject body = new JsonObject();
        body.addProperty("task_name", "project");
        body.addProperty("language", language);
        JsonObject data = execute(skill, calls.post("/api/tasks/me/with-session/nemo_agent", body), false);
        String sessionId = Json.firstString(data, "session_id", "sessionId");
        if (sessionId == null) {
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 200, null, "session reply without session_id");
        }
        return new SessionInfo(sessionId, Json.firstString(data, "task_id", "taskId"),
                Json.firstString(data, "user_id", "userId"));
    }

    public Credits credits(SkillHeaders skill) {
        JsonObject data = execute(skill, calls.get("/api/credits/balance/simple"), true);
        return new Credits((long) Json.number(data, "available", 0), (long) Json.number(data, "frozen", 0),
                (long) Json.number(data, "total", 0));
    }

    public SessionState state(SkillHeaders skill, String sessionId) {
        return SessionState.from(execute(skill, calls.get("/api/state/nemo_agent/me/" + sessionId + "/latest"), true));
    }

    // ---- uploads --------------------------------------------------------------------------------

    /** Streams the files to the session in one multipart request (never held whole in memory). */
    public List<UploadedFile> upload(SkillHeaders skill, String sessionId, List<UploadPart> parts) {
        MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
        List<StreamingBody> bodies = new java.util.ArrayList<>();
        for (UploadPart part : parts) {
            StreamingBody body = new StreamingBody(part);
            bodies.add(body);
            multipart.addFormDataPart("files", part.filename(), body);
        }
        Request.Builder request = calls.post("/api/upload-video/nemo_agent/me/" + sessionId, multipart.build());
        // A body read from a chat platform cannot be replayed: no automatic retry.
        List<UploadedFile> files = UploadedFile.listOf(
                retry.once(skill, token -> calls.call(OkHttpCalls.authorized(request, skill, token))));
        metrics.uploadBytes(bodies.stream().mapToLong(StreamingBody::written).sum());
        return files;
    }

    /** Lets the backend fetch the files itself. */
    public List<UploadedFile> uploadUrls(SkillHeaders skill, String sessionId, List<String> urls) {
        JsonObject body = new JsonObject();
        JsonArray list = new JsonArray();
        urls.forEach(list::add);
        body.add("urls", list);
        body.addProperty("source_type", "url");
        return UploadedFile.listOf(execute(skill, calls.post("/api/upload-video/nemo_agent/me/" + sessionId, body), false));
    }

    // ---- renders --------------------------------------------------------------------------------

    /**
     * Submits a render of the draft exactly as the backend sent it; on a failed submit, tries once
     * more with a new id. Returns the id used.
     */
    public String submitRender(SkillHeaders skill, String sessionId, Draft draft, Supplier<String> newId) {
        String id = newId.get();
        try {
            submitOnce(skill, sessionId, draft, id);
            return id;
        } catch (NemoException e) {
            if (e.kind() == NemoException.Kind.PLAN_BLOCKED || e.kind() == NemoException.Kind.UNAUTHORIZED
                    || e.kind() == NemoException.Kind.SESSION_NOT_FOUND) {
                throw e;
            }
            String retryId = newId.get();
            LOG.warn("Render submit for session {} failed ({}); retrying once with a new id", sessionId, e.kind());
            submitOnce(skill, sessionId, draft, retryId);
            return retryId;
        }
    }

    private void submitOnce(SkillHeaders skill, String sessionId, Draft draft, String id) {
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        body.addProperty("sessionId", sessionId);
        body.add("draft", draft.wire());
        JsonObject output = new JsonObject();
        output.addProperty("format", "mp4");
        output.addProperty("quality", "high");
        body.add("output", output);
        execute(skill, calls.post("/api/render/proxy/lambda", body), false);
    }

    public RenderStatus pollRender(SkillHeaders skill, String renderId) {
        return RenderStatus.from(execute(skill, calls.get("/api/render/proxy/lambda/" + renderId), true));
    }

    public void cancelRender(SkillHeaders skill, String renderId) {
        execute(skill, calls.post("/api/render/proxy/lambda/" + renderId + "/cancel", new JsonObject()), false);
    }

    /**
     * The fallback download: where the authorized download endpoint redirects to, when it does. A
     * link that needs the account token is never returned (it must not reach chat).
     */
    public Optional<String> fallbackDownloadUrl(SkillHeaders skill, String renderId) {
        return calls.redirect(download(skill, renderId));
    }

    /** Opens the rendered file through the authorized fallback endpoint. The caller closes it. */
    public InputStream downloadRender(SkillHeaders skill, String renderId) throws IOException {
        return calls.open(download(skill, renderId));
    }

    private Request download(SkillHeaders skill, String renderId) {
        return OkHttpCalls.authorized(calls.get("/api/render/proxy/" + renderId + "/download"), skill, tokens.current(skill));
    }

    // ---- chat stream ----------------------------------------------------------------------------

    /**
     * Sends one message and delivers the stream's events until it ends. Blocks for the turn (up to
     * the ceiling). Refusals before the stream starts throw (after the one re-auth / rate-limit
     * retry); once the stream started, the outcome says how it ended and nothing is re-sent.
     */
    public StreamOutcome chat(SkillHeaders skill, String sessionId, String text, StreamListener listener) {
        JsonObject part = new JsonObject();
        part.addProperty("text", text);
        JsonArray parts = new JsonArray();
        parts.add(part);
        JsonObject message = new JsonObject();
        message.addProperty("role", "user");
        message.add("parts", parts);
        JsonObject body = new JsonObject();
        body.addProperty("app_name", "nemo_agent");
        body.addProperty("user_id", "me");
        body.addProperty("session_id", sessionId);
        body.add("new_message", message);

        Request.Builder request = calls.post("/run_sse", body).header("Accept", "text/event-stream");
        // Only refusals before the stream started are retried (1001, 429): the message was not accepted.
        return retry.run(skill, false,
                token -> streams.read(OkHttpCalls.authorized(request, skill, token), sessionId, listener));
    }

    /** One JSON call with the retries nemo-api.md allows ({@code safeToRepeat}: a read, retried after 5xx/IO trouble). */
    private JsonObject execute(SkillHeaders skill, Request.Builder request, boolean safeToRepeat) {
        return retry.run(skill, safeToRepeat, token -> calls.call(OkHttpCalls.authorized(request, skill, token)));
    }

    /** Ends every open stream and releases the connections. */
    @Override
    public void close() {
        streams.close();
        calls.close();
    }
}
