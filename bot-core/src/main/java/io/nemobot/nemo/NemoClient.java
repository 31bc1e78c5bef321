package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every endpoint of the Nemo backend over one OkHttp client for the whole process. Blocking calls;
 * chat streams run on the dispatcher (sized for many concurrent long streams) while the caller
 * waits for the turn to end. Retries follow nemo-api.md: one re-auth on 1001/401, one retry after
 * the configured wait on 429, one retry of reads on 5xx/IO trouble, never a re-send of an accepted
 * chat message.
 */
public final class NemoClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NemoClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final NemoSettings settings;
    private final OkHttpClient http;
    private final OkHttpClient streams;
    /** Streams open now, at most {@link NemoSettings#maxConcurrentCalls()}. */
    private final Semaphore openStreams;
    /**
     * The open streams' calls, cancelled by {@link #close}: a synchronous call leaves OkHttp's
     * dispatcher once its headers are in, so cancelling the dispatcher's calls would not reach them.
     */
    private final Set<Call> streamCalls = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final TokenSource tokens;
    private final Sleeper sleeper;
    private final ScheduledExecutorService watchdog;

    public NemoClient(NemoSettings settings, CredentialStore store, Sleeper sleeper, ScheduledExecutorService watchdog) {
        this(settings, store, sleeper, watchdog, defaultDispatcher(settings.maxConcurrentCalls()));
    }

    /** With a given dispatcher (the benchmark compares OkHttp's default one). */
    public NemoClient(NemoSettings settings, CredentialStore store, Sleeper sleeper, ScheduledExecutorService watchdog,
            Dispatcher dispatcher) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.watchdog = watchdog;
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(settings.requestTimeout())
                .writeTimeout(settings.requestTimeout())
                .callTimeout(Duration.ZERO)
                .build();
        // Streams: no silent retry (a retried POST would send the message twice), reads may be
        // quiet for as long as the idle time-out allows, and the watchdog enforces the ceiling.
        // Each stream opens its own connection: a pooled keep-alive connection the server has just
        // closed would fail the message, and without a retry the user would get an error.
        this.streams = http.newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .readTimeout(settings.streamIdleTimeout().plusSeconds(5))
                .build();
        this.tokens = new TokenSource(settings, store, this::fetchAnonymousToken);
        this.openStreams = new Semaphore(settings.maxConcurrentCalls());
    }

    /** A dispatcher that lets every conversation stream at once (OkHttp's default allows 5 per host). */
    public static Dispatcher defaultDispatcher(int maxConcurrent) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(maxConcurrent);
        dispatcher.setMaxRequestsPerHost(maxConcurrent);
        return dispatcher;
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

    /** Makes sure a token is available (fetching an anonymous one if needed). */
    public void authenticate() {
        tokens.current();
    }

    // ---- sessions, credits, state -------------------------------------------------------------

    public SessionInfo createSession(SkillHeaders skill, String language) {
        JsonObject body = new JsonObject();
        body.addProperty("task_name", "project");
        body.addProperty("language", language);
        JsonObject data = execute(skill, post("/api/tasks/me/with-session/nemo_agent", body), false);
        String sessionId = Json.firstString(data, "session_id", "sessionId");
        if (sessionId == null) {
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 200, null, "session reply without session_id");
        }
        return new SessionInfo(sessionId, Json.firstString(data, "task_id", "taskId"),
                Json.firstString(data, "user_id", "userId"));
    }

    public Credits credits(SkillHeaders skill) {
        JsonObject data = execute(skill, get("/api/credits/balance/simple"), true);
        return new Credits((long) Json.number(data, "available", 0), (long) Json.number(data, "frozen", 0),
                (long) Json.number(data, "total", 0));
    }

    public SessionState state(SkillHeaders skill, String sessionId) {
        return SessionState.from(execute(skill, get("/api/state/nemo_agent/me/" + sessionId + "/latest"), true));
    }

    // ---- uploads --------------------------------------------------------------------------------

    /** Streams the files to the session in one multipart request (never held whole in memory). */
    public List<UploadedFile> upload(SkillHeaders skill, String sessionId, List<UploadPart> parts) {
        MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (UploadPart part : parts) {
            multipart.addFormDataPart("files", part.filename(), new StreamingBody(part));
        }
        Request.Builder request = new Request.Builder()
                .url(settings.baseUrl() + "/api/upload-video/nemo_agent/me/" + sessionId)
                .post(multipart.build());
        // A body read from a chat platform cannot be replayed: no automatic retry.
        return files(execute(skill, request, false, false));
    }

    /** Lets the backend fetch the files itself. */
    public List<UploadedFile> uploadUrls(SkillHeaders skill, String sessionId, List<String> urls) {
        JsonObject body = new JsonObject();
        JsonArray list = new JsonArray();
        urls.forEach(list::add);
        body.add("urls", list);
        body.addProperty("source_type", "url");
        return files(execute(skill, post("/api/upload-video/nemo_agent/me/" + sessionId, body), false));
    }

    private static List<UploadedFile> files(JsonObject data) {
        List<UploadedFile> out = new ArrayList<>();
        JsonArray files = Json.array(data, "files");
        if (files == null) {
            return out;
        }
        for (JsonElement e : files) {
            if (e.isJsonObject()) {
                JsonObject f = e.getAsJsonObject();
                double duration = Json.number(f, "duration", -1);
                out.add(new UploadedFile(Json.firstString(f, "filename", "name"), Json.string(f, "file_type"),
                        Json.firstString(f, "cdn_url", "url"), duration < 0 ? null : duration));
            }
        }
        return out;
    }

    // ---- renders --------------------------------------------------------------------------------

    /** Submits a render; on a failed submit, tries once more with a new id. Returns the id used. */
    public String submitRender(SkillHeaders skill, String sessionId, JsonObject draft, Supplier<String> newId) {
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

    private void submitOnce(SkillHeaders skill, String sessionId, JsonObject draft, String id) {
        JsonObject body = new JsonObject();
        body.addProperty("id", id);
        body.addProperty("sessionId", sessionId);
        body.add("draft", draft);
        JsonObject output = new JsonObject();
        output.addProperty("format", "mp4");
        output.addProperty("quality", "high");
        body.add("output", output);
        execute(skill, post("/api/render/proxy/lambda", body), false);
    }

    public RenderStatus pollRender(SkillHeaders skill, String renderId) {
        return RenderStatus.from(execute(skill, get("/api/render/proxy/lambda/" + renderId), true));
    }

    public void cancelRender(SkillHeaders skill, String renderId) {
        execute(skill, post("/api/render/proxy/lambda/" + renderId + "/cancel", new JsonObject()), false);
    }

    /**
     * The fallback download: where the authorized download endpoint redirects to, when it does. A
     * link that needs the account token is never returned (it must not reach chat).
     */
    public Optional<String> fallbackDownloadUrl(SkillHeaders skill, String renderId) {
        Request request = authorized(skill, get("/api/render/proxy/" + renderId + "/download"), tokens.current());
        OkHttpClient noRedirects = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
        try (Response response = noRedirects.newCall(request).execute()) {
            String location = response.header("Location");
            if (response.isRedirect() && location != null && location.startsWith("http")) {
                return Optional.of(location);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Opens the rendered file through the authorized fallback endpoint. The caller closes it. */
    public InputStream downloadRender(SkillHeaders skill, String renderId) throws IOException {
        Request request = authorized(skill, get("/api/render/proxy/" + renderId + "/download"), tokens.current());
        Response response = http.newCall(request).execute();
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw new NemoException(NemoException.kindOf(code, null), code, null, "download refused: HTTP " + code);
        }
        return response.body().byteStream();
    }

    // ---- chat stream ----------------------------------------------------------------------------

    /**
     * Sends one message and delivers the stream's events until it ends. Blocks for the turn (up to
     * the ceiling). Refusals before the stream starts throw (after the one re-auth / rate-limit
     * retry); once the stream started, the outcome says how it ended and nothing is re-sent.
     */
    public StreamOutcome chat(SkillHeaders skill, String sessionId, String text, StreamListener listener) {
        JsonObject body = new JsonObject();
        body.addProperty("app_name", "nemo_agent");
        body.addProperty("user_id", "me");
        body.addProperty("session_id", sessionId);
        JsonObject message = new JsonObject();
        message.addProperty("role", "user");
        JsonArray parts = new JsonArray();
        JsonObject part = new JsonObject();
        part.addProperty("text", text);
        parts.add(part);
        message.add("parts", parts);
        body.add("new_message", message);

        Request.Builder request = post("/run_sse", body).header("Accept", "text/event-stream");
        // Only refusals before the stream started are retried (1001, 429): the message was not accepted.
        return retrying(false, token -> stream(authorized(skill, request, token), sessionId, listener));
    }

    /**
     * Reads the stream on the calling thread (the conversation's own): a turn costs one thread, not
     * that one waiting plus one of OkHttp's reading, which halves the threads started when many
     * conversations begin at once. The watchdog ends a stream that is quiet too long or past the
     * ceiling by cancelling its call; closing the client cancels every stream.
     */
    private StreamOutcome stream(Request request, String sessionId, StreamListener listener) {
        long start = System.nanoTime();
        AtomicLong lastProgress = new AtomicLong(start);
        AtomicBoolean opened = new AtomicBoolean();
        CompletableFuture<StreamOutcome.Ending> ending = new CompletableFuture<>();
        EventSourceListener events = new EventSourceListener() {
            @Override
            public void onOpen(EventSource eventSource, Response response) {
                opened.set(true);
            }

            @Override
            public void onEvent(EventSource eventSource, String id, String type, String data) {
                if (ending.isDone()) {
                    return;
                }
                for (NemoEvent event : NemoEventParser.parse(data)) {
                    if (!(event instanceof NemoEvent.Heartbeat) && !(event instanceof NemoEvent.Ignored)) {
                        lastProgress.set(System.nanoTime());
                    }
                    try {
                        listener.onEvent(event);
                    } catch (RuntimeException e) {
                        LOG.warn("Stream listener failed for session {}", sessionId, e);
                    }
                }
            }

            @Override
            public void onClosed(EventSource eventSource) {
                ending.complete(StreamOutcome.Ending.COMPLETED);
            }

            @Override
            public void onFailure(EventSource eventSource, Throwable t, Response response) {
                if (ending.isDone()) {
                    return;
                }
                if (!opened.get()) {
                    ending.completeExceptionally(refusal(response, t));
                } else {
                    LOG.info("Chat stream of session {} was cut: {}", sessionId, t == null ? "closed" : t.getClass().getSimpleName());
                    ending.complete(StreamOutcome.Ending.CUT);
                }
            }
        };
        try {
            openStreams.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "interrupted", e);
        }
        try {
            return read(request, events, ending, lastProgress, start);
        } finally {
            openStreams.release();
        }
    }

    private StreamOutcome read(Request request, EventSourceListener events,
            CompletableFuture<StreamOutcome.Ending> ending, AtomicLong lastProgress, long start) {
        Call call = streams.newCall(request);
        streamCalls.add(call);
        if (closed) {
            call.cancel();
        }
        long idleNanos = settings.streamIdleTimeout().toNanos();
        long maxNanos = settings.streamMaxDuration().toNanos();
        long tick = Math.max(20, Math.min(1000, settings.streamIdleTimeout().toMillis() / 10));
        ScheduledFuture<?> guard = watchdog.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            if (now - start >= maxNanos) {
                if (ending.complete(StreamOutcome.Ending.MAX_DURATION)) {
                    call.cancel();
                }
            } else if (now - lastProgress.get() >= idleNanos) {
                if (ending.complete(StreamOutcome.Ending.IDLE_TIMEOUT)) {
                    call.cancel();
                }
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
        try {
            Response response;
            try {
                response = call.execute();
            } catch (IOException e) {
                response = null;
                events.onFailure(null, e, null);
            }
            if (response != null) {
                EventSources.processResponse(response, events); // returns when the stream ends; closes the response
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "interrupted", null);
            }
            ending.complete(StreamOutcome.Ending.CUT); // defensive: every way out above has completed it
            StreamOutcome.Ending end = ending.join();
            return new StreamOutcome(end, Duration.ofNanos(System.nanoTime() - start));
        } catch (CompletionException e) {
            if (e.getCause() instanceof NemoException) {
                throw (NemoException) e.getCause();
            }
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "stream failed", e.getCause());
        } finally {
            guard.cancel(false);
            streamCalls.remove(call);
            call.cancel(); // a no-op when the stream ended; frees the connection when it did not
        }
    }

    private static NemoException refusal(Response response, Throwable t) {
        if (response == null) {
            return new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null,
                    "no response: " + (t == null ? "closed" : t.getClass().getSimpleName()), t);
        }
        String body = peek(response);
        int status = response.code();
        try {
            Replies.payload(status, body);
        } catch (NemoException e) {
            return e;
        }
        // 2xx but not an event stream, and no error code in it: the backend answered something
        // else. The message may have been accepted, so this is not retried.
        return new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, status, null,
                "chat reply was not an event stream");
    }

    private static String peek(Response response) {
        try {
            return response.peekBody(MAX_ERROR_BODY).string();
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private Request.Builder get(String path) {
        return new Request.Builder().url(settings.baseUrl() + path).get();
    }

    private Request.Builder post(String path, JsonObject body) {
        return new Request.Builder().url(settings.baseUrl() + path).post(RequestBody.create(body.toString(), JSON));
    }

    private static Request authorized(SkillHeaders skill, Request.Builder builder, String token) {
        return builder.header("Authorization", "Bearer " + token)
                .header("X-Skill-Source", skill.source())
                .header("X-Skill-Version", skill.version())
                .header("X-Skill-Platform", skill.platform())
                .build();
    }

    private JsonObject execute(SkillHeaders skill, Request.Builder request, boolean safeToRepeat) {
        return execute(skill, request, safeToRepeat, true);
    }

    /**
     * One call with nemo-api.md's retries: a re-auth on 1001/401, a wait and a retry on 429, one more
     * try of reads on 5xx/IO trouble. A body that cannot be replayed (an upload) is never retried.
     */
    private JsonObject execute(SkillHeaders skill, Request.Builder builder, boolean safeToRepeat, boolean replayable) {
        if (!replayable) {
            String token = tokens.current();
            try {
                return call(authorized(skill, builder, token));
            } catch (NemoException e) {
                if (e.kind() == NemoException.Kind.UNAUTHORIZED && e.httpStatus() != 0 && !tokens.configured()) {
                    // The body is gone, so the caller must send it again; the next try has a fresh token.
                    tokens.renew(token);
                    throw new NemoException(NemoException.Kind.UNAUTHORIZED, e.httpStatus(), e.backendCode().orElse(null),
                            "token renewed; send again", e);
                }
                throw e;
            }
        }
        return retrying(safeToRepeat, token -> call(authorized(skill, builder, token)));
    }

    /** Runs an attempt with the current token, retrying as nemo-api.md allows. */
    private <T> T retrying(boolean safeToRepeat, java.util.function.Function<String, T> attempt) {
        boolean reauthed = false;
        boolean rateRetried = false;
        boolean transientRetried = false;
        while (true) {
            String token = tokens.current();
            try {
                return attempt.apply(token);
            } catch (NemoException e) {
                if (e.kind() == NemoException.Kind.UNAUTHORIZED && !reauthed && e.httpStatus() != 0) {
                    reauthed = true;
                    tokens.renew(token);
                } else if (e.httpStatus() == 429 && !rateRetried) {
                    rateRetried = true;
                    pause(settings.rateLimitRetryAfter());
                } else if (e.kind() == NemoException.Kind.BACKEND_UNAVAILABLE && safeToRepeat && !transientRetried) {
                    transientRetried = true;
                    pause(Duration.ofMillis(200));
                } else {
                    throw e;
                }
            }
        }
    }

    private JsonObject call(Request request) {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body.contentLength() > 4L * 1024 * 1024 ? null : body.string();
            return Replies.payload(response.code(), text);
        } catch (InterruptedIOException e) {
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "timed out", e);
        } catch (IOException e) {
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null,
                    "connection failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private String fetchAnonymousToken(String clientId) {
        String id = clientId;
        boolean clientRetried = false;
        boolean rateRetried = false;
        while (true) {
            Request request = new Request.Builder()
                    .url(settings.baseUrl() + "/api/auth/anonymous-token")
                    .header("X-Client-Id", id)
                    .post(RequestBody.create("{}", JSON))
                    .build();
            try {
                JsonObject data = call(request);
                String token = Json.firstString(data, "token", "access_token");
                if (token == null) {
                    throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 200, null, "token reply without token");
                }
                LOG.info("Obtained an anonymous Nemo token");
                return token;
            } catch (NemoException e) {
                if (e.httpStatus() == 400 && !clientRetried) {
                    clientRetried = true;
                    id = tokens.regenerateClientId();
                    continue;
                }
                if (e.httpStatus() == 429 && !rateRetried) {
                    rateRetried = true;
                    pause(settings.rateLimitRetryAfter());
                    continue;
                }
                throw e;
            }
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "interrupted", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        streamCalls.forEach(Call::cancel);
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** A request body that streams its part's source as it is written. */
    private static final class StreamingBody extends RequestBody {
        private final UploadPart part;

        StreamingBody(UploadPart part) {
            this.part = part;
        }

        @Override
        public MediaType contentType() {
            return MediaType.parse(part.contentType());
        }

        @Override
        public long contentLength() {
            return part.size();
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try (InputStream in = part.source().open(); Source source = Okio.source(in)) {
                sink.writeAll(source);
            }
        }
    }
}
