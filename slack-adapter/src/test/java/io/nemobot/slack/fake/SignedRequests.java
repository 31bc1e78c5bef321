package io.nemobot.slack.fake;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to the adapter's HTTP endpoint the way Slack does: signed with the signing secret
 * ({@code v0=HMAC-SHA256("v0:" + timestamp + ":" + body)}), optionally forged, stale or retried.
 */
public final class SignedRequests {
    public static final String SIGNING_SECRET = "fake-signing-secret-for-tests";

    private final URI endpoint;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SignedRequests(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/slack/events"), SIGNING_SECRET);
    }

    public SignedRequests(URI endpoint, String secret) {
        this.endpoint = endpoint;
        this.secret = secret;
    }

    /** A request's outcome. */
    public record Reply(int status, String body, Duration took) {
    }

    public Reply event(String json) {
        return send(json, "application/json", Instant.now(), secret, null);
    }

    /** The same event again, as Slack retries it. */
    public Reply retry(String json, int retryNum) {
        return send(json, "application/json", Instant.now(), secret, retryNum);
    }

    /** A slash command or interactivity payload: form-encoded. */
    public Reply form(String formBody) {
        return send(formBody, "application/x-www-form-urlencoded", Instant.now(), secret, null);
    }

    /** An interactivity payload ({@code payload=<json>}). */
    public Reply interaction(String json) {
        return form("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8));
    }

    public Reply signedWith(String otherSecret, String json) {
        return send(json, "application/json", Instant.now(), otherSecret, null);
    }

    public Reply signedAt(Instant when, String json) {
        return send(json, "application/json", when, secret, null);
    }

    public Reply unsigned(String json) {
        return post(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json"), json);
    }

    private Reply send(String body, String contentType, Instant at, String withSecret, Integer retryNum) {
        String timestamp = String.valueOf(at.getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", sign(withSecret, timestamp, body));
        if (retryNum != null) {
            request.header("X-Slack-Retry-Num", String.valueOf(retryNum))
                    .header("X-Slack-Retry-Reason", "http_timeout");
        }
        return post(request, body);
    }

    private Reply post(HttpRequest.Builder request, String body) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
