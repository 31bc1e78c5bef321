package io.nemobot.nemo;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * synchronous, on the caller's thread, so OkHttp's dispatcher limits none of them.
 */
final class OkHttpCalls {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final long MAX_REPLY = 4L * 1024 * 1024;

    private final String baseUrl;
    private final OkHttpClient http;

    OkHttpCalls(NemoSettings settings) {
        this.baseUrl = settings.baseUrl();
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
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body.contentLength() > MAX_REPLY ? null : body.string();
            return ReplyParser.payload(response.code(), text);
        } catch (InterruptedIOException e) {
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null, "timed out", e);
        } catch (IOException e) {
            throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 0, null,
                    "connection failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Where the request redirects to, when it answers with a redirect to an http(s) URL. */
    Optional<String> redirect(Request request) {
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

    /** The reply body as a stream, for the caller to close; a refusal is a {@link NemoException}. */
    InputStream open(Request request) throws IOException {
        Response response = http.newCall(request).execute();
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw new NemoException(NemoException.kindOf(code, null), code, null, "download refused: HTTP " + code);
        }
        return response.body().byteStream();
    }

    void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
