package io.nemobot.nemo;

import com.google.gson.JsonObject;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.CallOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one OkHttp client of the process and the plain (non-streaming) calls over it: requests with the
 * headers every call carries, replies read into their payload by {@link ReplyParser}. Every call is
 * synchronous, on the caller's thread, so OkHttp's dispatcher limits none of them. Each call is timed
 * into {@code nemo_backend_request_duration_seconds} by endpoint and outcome (every attempt: a retry
 * counts again).
 */
final class OkHttpCalls {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final long MAX_REPLY = 4L * 1024 * 1024;

    private final String baseUrl;
    private final OkHttpClient http;
    private final BotMetrics metrics;
    private final LongSupplier nanos;

    /** {@code nanos} times the calls for {@code metrics} ({@code nanoTime} values). */
    OkHttpCalls(NemoSettings settings, BotMetrics metrics, LongSupplier nanos) {
        this.baseUrl = settings.baseUrl();
        this.metrics = metrics;
        this.nanos = nanos;
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(settings.requestTimeout())
                .writeTimeout(settings.requestTimeout())
                .callTimeout(Duration.ZERO)
                .build();
    }

    /** The client, for callers that need their own variant of it (streams). */
    OkHttpClient client() {
        return http;
    }

    Request.Builder get(String path) {
        return new Request.Builder().url(baseUrl + path).get();
    }

    Request.Builder post(String path, JsonObject body) {
        return post(path, RequestBody.create(body.toString(), JSON));
    }

    Request.Builder post(String path, RequestBody body) {
        return new Request.Builder().url(baseUrl + path).post(body);
    }

    /** The three attribution headers nemo-api.md requires on every request, the token call included. */
    static Request.Builder attributed(Request.Builder builder, SkillHeaders skill) {
        return builder.header("X-Skill-Source", skill.source())
                .header("X-Skill-Version", skill.version())
                .header("X-Skill-Platform", skill.platform());
    }

    static Request authorized(Request.Builder builder, SkillHeaders skill, String token) {
        return attributed(builder, skill).header("Authorization", "Bearer " + token).build();
    }

    /** One call, its reply read into the payload; a refusal or a transport failure is a {@link NemoException}. */
    JsonObject call(Request request) {
        long start = nanos.getAsLong();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body.contentLength() > MAX_REPLY ? null : body.string();
            JsonObject payload = ReplyParser.payload(response.code(), text);
            timed(request, CallOutcome.OK, start);
            return payload;
        } catch (InterruptedIOException e) {
            throw timed(request, new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "timed out", e), start);
        } catch (IOException e) {
            throw timed(request, new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null,
                    "connection failed: " + e.getClass().getSimpleName(), e), start);
        } catch (NemoException e) {
            throw timed(request, e, start);
        }
    }

    /** Reports a call that ended {@code outcome}, started at {@code start}. */
    void timed(Request request, CallOutcome outcome, long start) {
        metrics.backendCall(BackendEndpoints.of(request), outcome,
                Duration.ofNanos(Math.max(0, nanos.getAsLong() - start)));
    }

    /** Reports a call that ended in {@code refusal}, and returns it for the caller to throw. */
    NemoException timed(Request request, NemoException refusal, long start) {
        timed(request, BackendEndpoints.outcome(refusal), start);
        return refusal;
    }

    /** Where the request redirects to, when it answers with a redirect to an http(s) URL. */
    Optional<String> redirect(Request request) {
        OkHttpClient noRedirects = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
        long start = nanos.getAsLong();
        try (Response response = noRedirects.newCall(request).execute()) {
            String location = response.header("Location");
            if (response.isRedirect() && location != null && location.startsWith("http")) {
                timed(request, CallOutcome.OK, start);
                return Optional.of(location);
            }
            timed(request, response.code() >= 500 ? CallOutcome.UNAVAILABLE : CallOutcome.REFUSED, start);
            return Optional.empty();
        } catch (IOException e) {
            timed(request, CallOutcome.UNAVAILABLE, start);
            return Optional.empty();
        }
    }

    /** The reply body as a stream, for the caller to close; a refusal is a {@link NemoException}. */
    InputStream open(Request request) throws IOException {
        long start = nanos.getAsLong();
        Response response;
        try {
            response = http.newCall(request).execute();
        } catch (IOException e) {
            timed(request, CallOutcome.UNAVAILABLE, start);
            throw e;
        }
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw timed(request, new NemoException(NemoException.kindOf(code, null), code, null,
                    "download refused: HTTP " + code), start);
        }
        timed(request, CallOutcome.OK, start);
        return response.body().byteStream();
    }

    void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
