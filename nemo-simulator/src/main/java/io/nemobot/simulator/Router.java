package io.nemobot.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the server: matches the endpoint, records the request, plays a fault if one
 * is due, checks the token, then hands the call to the endpoint's handler.
 */
final class Router implements HttpHandler {

    /** An endpoint's behaviour. */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    private record Route(String method, Pattern pattern, Endpoint endpoint, Handler handler) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final Handler NOT_FOUND = call -> call.json(404, Json.error(404, "not found"));

    private final Supplier<SimContext> contexts;
    private final List<Route> routes = new ArrayList<>();

    Router(Supplier<SimContext> contexts) {
        this.contexts = contexts;
        route("POST", "/api/auth/anonymous-token", Endpoint.ANON_TOKEN, TokenEndpoint::issue);
        route("POST", "/api/tasks/me/with-session/nemo_agent", Endpoint.CREATE_SESSION, SessionEndpoint::create);
        route("POST", "/run_sse", Endpoint.CHAT, ChatEndpoint::chat);
        route("POST", "/api/upload-video/nemo_agent/me/([^/]+)", Endpoint.UPLOAD, UploadEndpoint::upload);
        route("GET", "/api/credits/balance/simple", Endpoint.CREDITS, CreditsEndpoint::balance);
        route("GET", "/api/state/nemo_agent/me/([^/]+)/latest", Endpoint.STATE, StateEndpoint::state);
        route("POST", "/api/render/proxy/lambda", Endpoint.RENDER_SUBMIT, RenderEndpoints::submit);
        route("GET", "/api/render/proxy/lambda/([^/]+)", Endpoint.RENDER_POLL, RenderEndpoints::poll);
        route("POST", "/api/render/proxy/lambda/([^/]+)/cancel", Endpoint.RENDER_CANCEL, RenderEndpoints::cancel);
        route("GET", "/api/render/proxy/([^/]+)/download", Endpoint.RENDER_DOWNLOAD, RenderEndpoints::download);
        route("GET", "/cdn/(.+)", Endpoint.CDN, CdnEndpoint::serve);
    }

    private void route(String method, String regex, Endpoint endpoint, Handler handler) {
        routes.add(new Route(method, Pattern.compile(regex), endpoint, handler));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long receivedAt = System.nanoTime();
        SimContext context = contexts.get();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = normalize(exchange.getRequestURI().getPath());
        Route route = null;
        List<String> params = List.of();
        for (Route candidate : routes) {
            Matcher matcher = candidate.pattern().matcher(path);
            if (candidate.method().equals(method) && matcher.matches()) {
                route = candidate;
                params = groups(matcher);
                break;
            }
        }
        Endpoint endpoint = route == null ? Endpoint.OTHER : route.endpoint();
        Handler handler = route == null ? NOT_FOUND : route.handler();
        try {
            String body = UploadEndpoint.isMultipart(exchange) ? null : readBody(exchange);
            Gate hangs = context.hangs(); // before it is counted: a release after the count drops its hang too
            context.recorder().request(new RecordedRequest(
                    endpoint, method, path, headers(exchange), body, receivedAt));
            Call call = new Call(exchange, context, endpoint, params, body, hangs);
            if (!FaultResponder.apply(call, context.faults().pick(endpoint)) && authorized(call)) {
                handler.handle(call);
            }
            exchange.close();
        } catch (AbortConnection e) {
            LOG.debug("Dropping the connection of {} {}: {}", method, path, e.getMessage());
            throw e;
        } catch (IOException e) {
            LOG.debug("Connection of {} {} failed: {}", method, path, e.toString());
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Simulator bug answering {} {}", method, path, e);
            if (exchange.getResponseCode() != -1) {
                throw e;
            }
            new Call(exchange, context, endpoint, params, null, context.hangs()).json(500, Json.error(500, "simulator error"));
            exchange.close();
        }
    }

    private static boolean authorized(Call call) throws IOException {
        if (!call.endpoint().needsAuth()) {
            return true;
        }
        String user = call.context().tokens().userOf(bearer(call.header("Authorization")));
        if (user != null) {
            call.userId(user);
            return true;
        }
        call.drain();
        if (call.context().settings().unauthorizedAsHttp401()) {
            call.empty(401);
        } else {
            call.code(1001, "token expired");
        }
        return false;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<String> groups(Matcher matcher) {
        List<String> groups = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return List.copyOf(groups);
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return headers;
    }
}
