package io.nemobot.simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A plain {@link HttpClient} speaking to a simulator, with the headers the bot sends. */
final class SimClient {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final NemoSimulator sim;
    private String token;

    SimClient(NemoSimulator sim) {
        this.sim = sim;
    }

    /** Gets an anonymous token for a fresh client id and uses it from now on. */
    SimClient login() {
        HttpResponse<String> reply = send(anonymous("client-" + System.nanoTime()));
        token = json(reply).getAsJsonObject("data").get("token").getAsString();
        return this;
    }

    SimClient token(String token) {
        this.token = token;
        return this;
    }

    String token() {
        return token;
    }

    HttpRequest anonymous(String clientId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri("/api/auth/anonymous-token"))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody());
        if (clientId != null) {
            builder.header("X-Client-Id", clientId);
        }
        return builder.build();
    }

    /** A request with the token and the three skill headers. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = bare(path)
                .header("X-Skill-Source", "text-to-video-high-quality")
                .header("X-Skill-Version", "1.0.0")
                .header("X-Skill-Platform", "unknown");
        return builder;
    }

    /** A request with the token only. */
    HttpRequest.Builder bare(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    String createSession() {
        HttpResponse<String> reply = post("/api/tasks/me/with-session/nemo_agent",
                "{\"task_name\":\"project\",\"language\":\"en\"}");
        return json(reply).getAsJsonObject("data").get("session_id").getAsString();
    }

    HttpRequest chatRequest(String sessionId, String text) {
        JsonObject part = new JsonObject();
        part.addProperty("text", text);
        com.google.gson.JsonArray parts = new com.google.gson.JsonArray();
        parts.add(part);
        JsonObject message = new JsonObject();
        message.addProperty("role", "user");
        message.add("parts", parts);
        JsonObject body = new JsonObject();
        body.addProperty("app_name", "nemo_agent");
        body.addProperty("user_id", "me");
        body.addProperty("session_id", sessionId);
        body.add("new_message", message);
        return request("/run_sse")
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    /** The whole stream of one chat turn. */
    HttpResponse<String> chat(String sessionId, String text) {
        return send(chatRequest(sessionId, text));
    }

    CompletableFuture<HttpResponse<String>> chatAsync(String sessionId, String text) {
        return http.sendAsync(chatRequest(sessionId, text), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(sim.baseUrl() + path);
    }

    static JsonObject json(HttpResponse<String> reply) {
        return JsonParser.parseString(reply.body()).getAsJsonObject();
    }
}
