package io.nemobot.simulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One request being answered: the exchange, the state it runs against, and reply helpers. */
final class Call {

    static final String JSON = "application/json; charset=utf-8";

    private final HttpExchange exchange;
    private final SimContext context;
    private final Endpoint endpoint;
    private final List<String> params;
    private final String body;
    private final Gate hangs;
    private String userId;

    Call(HttpExchange exchange, SimContext context, Endpoint endpoint, List<String> params, String body, Gate hangs) {
        this.exchange = exchange;
        this.hangs = hangs;
        this.context = context;
        this.endpoint = endpoint;
        this.params = params;
        this.body = body;
    }

    HttpExchange exchange() {
        return exchange;
    }

    SimContext context() {
        return context;
    }

    /**
     * What this request's hangs wait on: the hang gate when it arrived, so releasing hangs after the
     * request was counted drops it even if its handler had not begun to hang yet.
     */
    Gate hangs() {
        return hangs;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The i-th path parameter (a session id, a render id, a file name). */
    String param(int i) {
        return params.get(i);
    }

    /** The JSON body as text, or null (multipart uploads, empty bodies). */
    String body() {
        return body;
    }

    /** The body parsed as a JSON object, or null. */
    JsonObject json() {
        return Json.parseObject(body);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The user id of the caller's token (set once authorized). */
    String userId() {
        return userId;
    }

    void userId(String userId) {
        this.userId = userId;
    }

    InputStream requestBody() {
        return exchange.getRequestBody();
    }

    /** Reads and discards whatever is left of the request body. */
    void drain() throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] skip = new byte[64 * 1024];
        while (in.read(skip) >= 0) {
            // discard
        }
    }

    boolean responded() {
        return exchange.getResponseCode() != -1;
    }

    void json(int status, JsonElement reply) throws IOException {
        bytes(status, JSON, Json.bytes(reply));
    }

    /** A success reply in the shape set for this endpoint: envelope, or the data object bare. */
    void data(JsonObject data) throws IOException {
        ReplyShape shape = context.settings().replyShape(endpoint);
        json(200, shape == ReplyShape.BARE ? data : Json.envelope(data));
    }

    /** HTTP 200 {@code {"code":code,"message":message}}. */
    void code(int code, String message) throws IOException {
        json(200, Json.error(code, message));
    }

    void text(int status, String contentType, String text) throws IOException {
        bytes(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(int status, String contentType, byte[] reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (reply.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    /** A status line and headers, no body. */
    void empty(int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /** To throw: drops the socket without finishing the response. */
    AbortConnection abort(String reason) {
        return new AbortConnection(endpoint + ": " + reason);
    }
}
