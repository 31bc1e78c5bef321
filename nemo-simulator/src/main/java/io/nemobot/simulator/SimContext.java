package io.nemobot.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole backend state between two resets. A reset swaps in a fresh context and releases the
 * old one's gate, so requests still running finish against the state they started with.
 */
final class SimContext {

    private final String baseUrl;
    private final Settings settings = new Settings();
    private final Tokens tokens = new Tokens();
    private final Sessions sessions = new Sessions();
    private final Renders renders = new Renders();
    private final FaultPlan faults = new FaultPlan();
    private final TurnQueue turns = new TurnQueue();
    private final Recorder recorder = new Recorder();
    private final Gate gate = new Gate();
    private volatile Gate hangs = new Gate();
    private final List<ChunkListener> chunkListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();

    SimContext(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    Settings settings() {
        return settings;
    }

    Tokens tokens() {
        return tokens;
    }

    Sessions sessions() {
        return sessions;
    }

    Renders renders() {
        return renders;
    }

    FaultPlan faults() {
        return faults;
    }

    TurnQueue turns() {
        return turns;
    }

    Recorder recorder() {
        return recorder;
    }

    /** Released by a reset or close: ends every pause, delay and hang of this state. */
    Gate gate() {
        return gate;
    }

    /** What hung streams and hung faults wait on: released by {@link #releaseHangs()} or by {@link #release()}. */
    Gate hangs() {
        return hangs;
    }

    /** Drops every request hanging right now; later hangs wait again. */
    void releaseHangs() {
        Gate old = hangs;
        hangs = new Gate();
        old.release();
    }

    /** This state is over (reset or close): everything waiting gives up. */
    void release() {
        gate.release();
        hangs.release();
    }

    List<ChunkListener> chunkListeners() {
        return chunkListeners;
    }

    /** A fresh ADK invocation id: i1, i2, ... */
    String nextInvocationId() {
        return "i" + invocations.incrementAndGet();
    }

    /** A fresh number for naming an uploaded file on the fake CDN. */
    int nextUploadNumber() {
        return uploads.incrementAndGet();
    }
}
