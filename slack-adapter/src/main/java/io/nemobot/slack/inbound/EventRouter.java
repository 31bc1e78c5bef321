package io.nemobot.slack.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware for the Events API: reads {@code message}, {@code app_mention} and
 * {@code assistant_thread_started} from the raw event JSON (Bolt's typed models drop fields such as a
 * file share's {@code bot_id}) and hands them to the {@link SlackInbox}. An event id seen before (Slack
 * retries after 3 s, Socket Mode redelivers) is acknowledged and dropped; the core also ignores a
 * message id it has seen. Other events pass on to Bolt, which acknowledges them.
 */
final class EventRouter implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);
    private static final Set<String> HANDLED = Set.of("message", "app_mention", "assistant_thread_started");

    private final SlackInbox inbox;
    private final MessageTranslator translator;
    private final Cache<String, Boolean> seen;

    EventRouter(SlackInbox inbox, Clock clock) {
        this.inbox = inbox;
        this.translator = new MessageTranslator(inbox::isConversation);
        this.seen = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(Duration.ofHours(1))
                .maximumSize(20_000)
                .build();
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() != RequestType.Event) {
            return chain.next(req);
        }
        JsonObject envelope = JsonParser.parseString(((EventRequest) req).getRequestBodyAsString()).getAsJsonObject();
        JsonElement eventElement = envelope.get("event");
        if (eventElement == null || !eventElement.isJsonObject()) {
            return chain.next(req);
        }
        JsonObject event = eventElement.getAsJsonObject();
        String type = MessageTranslator.string(event, "type").orElse("");
        if (!HANDLED.contains(type)) {
            return chain.next(req);
        }
        Optional<String> eventId = MessageTranslator.string(envelope, "event_id");
        if (eventId.isPresent() && seen.asMap().putIfAbsent(eventId.get(), Boolean.TRUE) != null) {
            log.debug("Ignoring a repeated delivery of Slack event {} ({})", eventId.get(), type);
            return req.getContext().ack();
        }
        try {
            route(type, team(envelope, req), req.getContext().getBotUserId(), event);
        } catch (RuntimeException e) {
            eventId.ifPresent(seen::invalidate);
            throw e;
        }
        return req.getContext().ack();
    }

    private void route(String type, String team, String botUserId, JsonObject event) {
        switch (type) {
            case "message" -> translator.fromMessage(team, botUserId, event).ifPresent(inbox::message);
            case "app_mention" -> translator.fromMention(team, botUserId, event).ifPresent(inbox::message);
            default -> assistantThreadStarted(team, event);
        }
    }

    private void assistantThreadStarted(String team, JsonObject event) {
        JsonElement thread = event.get("assistant_thread");
        if (thread == null || !thread.isJsonObject()) {
            return;
        }
        JsonObject t = thread.getAsJsonObject();
        Optional<String> channel = MessageTranslator.string(t, "channel_id");
        Optional<String> threadTs = MessageTranslator.string(t, "thread_ts");
        Optional<String> user = MessageTranslator.string(t, "user_id");
        if (channel.isPresent() && threadTs.isPresent() && user.isPresent()) {
            inbox.assistantThreadStarted(team, channel.get(), threadTs.get(), user.get());
        }
    }

    private static String team(JsonObject envelope, Request<?> req) {
        return MessageTranslator.string(envelope, "team_id")
                .or(() -> Optional.ofNullable(req.getContext().getTeamId()))
                .orElse("-");
    }
}
