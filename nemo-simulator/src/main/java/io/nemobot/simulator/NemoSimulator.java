package io.nemobot.simulator;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real HTTP server on 127.0.0.1 playing the Nemo backend contract ({@code nemo-api.md}),
 * scriptable per test and recording every request. Thread-safe.
 *
 * <pre>{@code
 * try (NemoSimulator sim = NemoSimulator.start()) {
 *     sim.enqueueTurn(Turn.agent().text("Hi").finalText("Hi"));
 *     sim.failNext(Endpoint.CREDITS, Fault.http(503));
 *     ... point the client at sim.baseUrl() ...
 *     sim.awaitRequests(Endpoint.CHAT, 1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>A fresh simulator (and one after {@link #reset()}) plays the demo: every chat message
 * generates the {@link Drafts#demo()} video in about 1.5 s, a message mentioning a title edits the
 * title silently. Pauses, hangs and hung faults end when the simulator is reset or closed: the
 * server cannot see a client give up on a silent connection, so such a request keeps its thread
 * (and counts in {@link #activeStreams()}) until then.
 */
public final class NemoSimulator implements AutoCloseable {

    private final SimServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SimContext context;

    private NemoSimulator(SimServer server) {
        this.server = server;
        this.context = new SimContext(server.baseUrl());
        server.serve(new Router(() -> context));
    }

    /** Starts on a free port. */
    public static NemoSimulator start() {
        return start(0);
    }

    /** Starts on this port of 127.0.0.1 (0 for a free one). */
    public static NemoSimulator start(int port) {
        return new NemoSimulator(SimServer.bind(port));
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** Stops the server; paused and hung streams are dropped. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            context.release();
            server.stop();
        }
    }

    /**
     * Back to a fresh state: scripts, faults, settings, recordings, sessions, renders, tokens and
     * chunk listeners are cleared; streams still paused or hung are dropped.
     */
    public void reset() {
        SimContext old = context;
        context = new SimContext(server.baseUrl());
        old.release();
    }

    /**
     * Drops every request hanging right now ({@link Turn#hang()}, {@link Fault#hang()}): their sockets
     * close. The server cannot see a client give up on a silent connection, so a hung request keeps
     * its thread, and a hung stream counts in {@link #activeStreams()}, until this, a reset or close.
     */
    public void releaseHangs() {
        context.releaseHangs();
    }

    // ---- turns -------------------------------------------------------------------------------

    /** The next chat message (any session) plays this turn; FIFO. */
    public void enqueueTurn(Turn turn) {
        context.turns().enqueue(Objects.requireNonNull(turn, "turn may not be null"));
    }

    /** The next chat message of this session plays this turn; takes precedence over the shared queue. */
    public void enqueueTurn(String sessionId, Turn turn) {
        Objects.requireNonNull(sessionId, "sessionId may not be null");
        context.turns().enqueue(sessionId, Objects.requireNonNull(turn, "turn may not be null"));
    }

    /**
     * Picks the turn from the chat message's text when none is queued for the session or shared (the
     * function returns null to fall through to the default turn). For clients whose sessions are made
     * in processes the test cannot hook: the message itself names its script. Null removes it.
     */
    public void setTurnChooser(java.util.function.Function<String, Turn> byMessageText) {
        context.settings().turnByText(byMessageText);
    }

    /** Played when no turn is queued; null brings the demo behaviour back. */
    public void setDefaultTurn(Turn turn) {
        context.settings().defaultTurn(turn);
    }

    /** The pause between two events of the demo (default 100 ms; zero for no pause). */
    public void setDemoPace(Duration perChunk) {
        context.settings().demoPace(perChunk);
    }

    /** Told after each text chunk is flushed (cleared by {@link #reset()}). */
    public void onChunkEmitted(ChunkListener listener) {
        context.chunkListeners().add(Objects.requireNonNull(listener, "listener may not be null"));
    }

    // ---- faults ------------------------------------------------------------------------------

    /** The next call of this endpoint plays the fault (FIFO per endpoint). */
    public void failNext(Endpoint endpoint, Fault fault) {
        context.faults().failNext(requireEndpoint(endpoint), Objects.requireNonNull(fault, "fault may not be null"));
    }

    /** Every call of this endpoint plays the fault until {@link #clearFaults()}. */
    public void failAlways(Endpoint endpoint, Fault fault) {
        context.faults().failAlways(requireEndpoint(endpoint), Objects.requireNonNull(fault, "fault may not be null"));
    }

    /** Every n-th call of this endpoint (counted from now) plays the fault. */
    public void failEvery(Endpoint endpoint, int n, Fault fault) {
        context.faults().failEvery(requireEndpoint(endpoint), n, Objects.requireNonNull(fault, "fault may not be null"));
    }

    public void clearFaults() {
        context.faults().clear();
    }

    // ---- tokens, sessions, credits -------------------------------------------------------------

    /** Every token so far becomes invalid (1001 / 401), and the per-client-id quota starts over. */
    public void expireTokens() {
        context.tokens().expireAll();
    }

    /** This token is valid from now on (a configured {@code NEMO_TOKEN}). */
    public void acceptToken(String token) {
        context.tokens().accept(Objects.requireNonNull(token, "token may not be null"));
    }

    /** Any non-blank bearer token is valid (offline demos); default off. */
    public void setAcceptAnyToken(boolean acceptAny) {
        context.tokens().acceptAny(acceptAny);
    }

    /** One anonymous token per client id (default on). */
    public void setTokenQuota(boolean on) {
        context.settings().tokenQuota(on);
    }

    /** Answer bad tokens with a plain HTTP 401 instead of the 1001 envelope. */
    public void setUnauthorizedAsHttp401(boolean on) {
        context.settings().unauthorizedAsHttp401(on);
    }

    /** Creates a session directly (no request); returns its id. */
    public String createSession() {
        return context.sessions().create("u_sim").sessionId();
    }

    /** That session no longer exists (1002). */
    public void dropSession(String sessionId) {
        context.sessions().drop(Objects.requireNonNull(sessionId, "sessionId may not be null"));
    }

    /** Sets a session's draft directly; false for an unknown session. */
    public boolean setDraft(String sessionId, JsonObject draft) {
        Objects.requireNonNull(sessionId, "sessionId may not be null");
        return context.sessions().setDraft(sessionId, Objects.requireNonNull(draft, "draft may not be null"));
    }

    /** What each chat turn costs, taken off the balance when its stream ends (default 0: turns are free). */
    public void setCreditsPerTurn(int credits) {
        context.settings().creditsPerTurn(credits);
    }

    /** The balance the credits endpoint reports; available 0 makes chat answer 2001. */
    public void setCredits(int available, int frozen, int total) {
        context.settings().balance(new Balance(available, frozen, total));
    }

    /** The largest accepted upload per file (default 500 MB); larger files get 4002. */
    public void setUploadLimitBytes(long bytes) {
        context.settings().uploadLimitBytes(bytes);
    }

    /** Success replies of credits/state/session/upload (and anonymous token): envelope or bare. */
    public void setReplyShape(Endpoint endpoint, ReplyShape shape) {
        context.settings().replyShape(requireEndpoint(endpoint), Objects.requireNonNull(shape, "shape may not be null"));
    }

    // ---- renders ------------------------------------------------------------------------------

    /** The script of renders submitted from now on. */
    public void setRenderScript(RenderScript script) {
        context.settings().renderScript(Objects.requireNonNull(script, "script may not be null"));
    }

    /** Where render polls put status and URL. */
    public void setRenderShape(RenderShape shape) {
        context.settings().renderShape(Objects.requireNonNull(shape, "shape may not be null"));
    }

    /** Ids of the renders accepted so far, in order. */
    public List<String> renderIds() {
        return context.renders().ids();
    }

    /** The body a render was submitted with, or null for an unknown id. */
    public JsonObject renderSubmission(String renderId) {
        return context.renders().body(Objects.requireNonNull(renderId, "renderId may not be null"));
    }

    // ---- recordings ---------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return context.recorder().requests();
    }

    public List<RecordedRequest> requests(Endpoint endpoint) {
        return context.recorder().requests(requireEndpoint(endpoint));
    }

    public int sessionsCreated() {
        return context.sessions().created();
    }

    /** Chat messages that started a stream (refused ones only show in {@link #requests}). */
    public List<ChatMessage> chatMessages() {
        return context.recorder().chats();
    }

    /** Every file received, accepted or not. */
    public List<UploadRecord> uploads() {
        return context.recorder().uploads();
    }

    /** A copy of the session's draft, or null for an unknown session. */
    public JsonObject draft(String sessionId) {
        return context.sessions().draft(Objects.requireNonNull(sessionId, "sessionId may not be null"));
    }

    public int anonymousTokensIssued() {
        return context.tokens().issued();
    }

    /** Chat streams open right now. */
    public int activeStreams() {
        return context.recorder().activeStreams();
    }

    /** The most chat streams open at once since the start (or the last reset). */
    public int peakActiveStreams() {
        return context.recorder().peakActiveStreams();
    }

    /** Waits until this endpoint has received at least {@code count} requests. */
    public void awaitRequests(Endpoint endpoint, int count, Duration timeout) {
        context.recorder().awaitRequests(requireEndpoint(endpoint), count, timeout);
    }

    /** Waits until at least {@code count} chat messages have started a stream. */
    public void awaitChatMessages(int count, Duration timeout) {
        context.recorder().awaitChatMessages(count, timeout);
    }

    /** Waits until exactly {@code count} chat streams are open. */
    public void awaitActiveStreams(int count, Duration timeout) {
        context.recorder().awaitActiveStreams(count, timeout);
    }

    private static Endpoint requireEndpoint(Endpoint endpoint) {
        return Objects.requireNonNull(endpoint, "endpoint may not be null");
    }

    @Override
    public String toString() {
        return "NemoSimulator(" + server.baseUrl() + ")";
    }
}
