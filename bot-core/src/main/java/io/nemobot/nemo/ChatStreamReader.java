package io.nemobot.nemo;

import io.nemobot.metrics.CallOutcome;
import java.io.IOException;
import java.time.Duration;
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
import java.util.function.LongSupplier;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads chat streams on the calling thread (the conversation's own): a turn costs one thread, not
 * that one waiting plus one of OkHttp's reading. A watchdog on the injected scheduler and clock ends
 * a stream that is quiet too long or past the ceiling by cancelling its call; at most the configured
 * number of streams are open at once; closing the reader cancels every stream. A refusal before the
 * stream opened throws (the caller may retry it); once open, the outcome says how it ended. The
 * {@code chat} backend call is timed to the stream's opening (or its refusal), not to its end: the
 * turn's own duration is the turn metric's.
 */
final class ChatStreamReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChatStreamReader.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient streams;
    private final OkHttpCalls timing;
    private final ScheduledExecutorService watchdog;
    private final LongSupplier nanoTime;
    private final long idleNanos;
    private final long maxNanos;
    private final long tickMillis;
    /** Streams open now, at most {@link NemoSettings#maxConcurrentCalls()}. */
    private final Semaphore openStreams;
    /**
     * The open streams' calls, cancelled by {@link #close}: a synchronous call leaves OkHttp's
     * dispatcher once its headers are in, so cancelling the dispatcher's calls would not reach them.
     */
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code timing} reports when each stream opened or was refused. */
    ChatStreamReader(OkHttpCalls timing, NemoSettings settings, ScheduledExecutorService watchdog, LongSupplier nanoTime) {
        OkHttpClient base = timing.client();
        this.timing = timing;
        // No silent retry (a retried POST would send the message twice), reads may be quiet for as
        // long as the idle time-out allows, and the watchdog enforces the ceiling. Each stream opens
        // its own connection: a pooled keep-alive connection the server has just closed would fail
        // the message, and without a retry the user would get an error.
        this.streams = base.newBuilder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .readTimeout(settings.streamIdleTimeout().plusSeconds(5))
                .build();
        this.watchdog = watchdog;
        this.nanoTime = nanoTime;
        this.idleNanos = settings.streamIdleTimeout().toNanos();
        this.maxNanos = settings.streamMaxDuration().toNanos();
        this.tickMillis = Math.max(20, Math.min(1000, settings.streamIdleTimeout().toMillis() / 10));
        this.openStreams = new Semaphore(settings.maxConcurrentCalls());
    }

    /** Sends the request and delivers the stream's events until it ends; waits first while too many are open. */
    StreamOutcome read(Request request, String sessionId, StreamListener listener) {
        try {
            openStreams.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "interrupted", e);
        }
        try {
            return readOpen(request, new Events(sessionId, listener, nanoTime, request, timing));
        } finally {
            openStreams.release();
        }
    }

    private StreamOutcome readOpen(Request request, Events events) {
        Call call = streams.newCall(request);
        calls.add(call);
        if (closed) {
            call.cancel();
        }
        ScheduledFuture<?> guard = watchdog.scheduleWithFixedDelay(() -> watch(events, call),
                tickMillis, tickMillis, TimeUnit.MILLISECONDS);
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
            events.ending.complete(StreamOutcome.Ending.CUT); // defensive: every way out above has completed it
            StreamOutcome.Ending end = events.ending.join();
            return new StreamOutcome(end, Duration.ofNanos(nanoTime.getAsLong() - events.start));
        } catch (CompletionException e) {
            if (e.getCause() instanceof NemoException) {
                throw (NemoException) e.getCause();
            }
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "stream failed", e.getCause());
        } finally {
            guard.cancel(false);
            calls.remove(call);
            call.cancel(); // a no-op when the stream ended; frees the connection when it did not
        }
    }

    /** The watchdog's tick: past the ceiling, or nothing but heartbeats for the idle time-out, ends the stream. */
    private void watch(Events events, Call call) {
        long now = nanoTime.getAsLong();
        StreamOutcome.Ending end = null;
        if (now - events.start >= maxNanos) {
            end = StreamOutcome.Ending.MAX_DURATION;
        } else if (now - events.lastProgress.get() >= idleNanos) {
            end = StreamOutcome.Ending.IDLE_TIMEOUT;
        }
        if (end != null && events.ending.complete(end)) {
            call.cancel();
        }
    }

    void close() {
        closed = true;
        calls.forEach(Call::cancel);
    }

    /** One stream's events: parsed and handed on, progress noted for the watchdog, the ending decided once. */
    private static final class Events extends EventSourceListener {
        final CompletableFuture<StreamOutcome.Ending> ending = new CompletableFuture<>();
        final AtomicBoolean opened = new AtomicBoolean();
        final AtomicLong lastProgress;
        final long start;
        private final String sessionId;
        private final StreamListener listener;
        private final LongSupplier nanoTime;
        private final Request request;
        private final OkHttpCalls timing;

        Events(String sessionId, StreamListener listener, LongSupplier nanoTime, Request request, OkHttpCalls timing) {
            this.request = request;
            this.timing = timing;
            this.sessionId = sessionId;
            this.listener = listener;
            this.nanoTime = nanoTime;
            this.start = nanoTime.getAsLong();
            this.lastProgress = new AtomicLong(start);
        }

        @Override
        public void onOpen(EventSource eventSource, Response response) {
            opened.set(true);
            timing.timed(request, CallOutcome.OK, start);
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            if (ending.isDone()) {
                return;
            }
            for (NemoEvent event : NemoEventParser.parse(data)) {
                if (!(event instanceof NemoEvent.Heartbeat) && !(event instanceof NemoEvent.Ignored)) {
                    lastProgress.set(nanoTime.getAsLong());
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
                ending.completeExceptionally(timing.timed(request, refusal(response, t), start));
            } else {
                LOG.info("Chat stream of session {} was cut: {}", sessionId, t == null ? "closed" : t.getClass().getSimpleName());
                ending.complete(StreamOutcome.Ending.CUT);
            }
        }
    }

    private static NemoException refusal(Response response, Throwable t) {
        if (response == null) {
            return new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null,
                    "no response: " + (t == null ? "closed" : t.getClass().getSimpleName()), t);
        }
        String body;
        try {
            body = response.peekBody(MAX_ERROR_BODY).string();
        } catch (IOException | IllegalStateException e) {
            body = null;
        }
        int status = response.code();
        try {
            ReplyParser.payload(status, body);
        } catch (NemoException e) {
            return e;
        }
        // 2xx but not an event stream, and no error code in it: the backend answered something
        // else. The message may have been accepted, so this is not retried.
        return new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, status, null,
                "chat reply was not an event stream");
    }
}
