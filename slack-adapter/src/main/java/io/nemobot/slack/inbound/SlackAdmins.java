package io.nemobot.slack.inbound;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import io.nemobot.chat.Checks;
import io.nemobot.slack.outbound.SlackCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Slack user administers the workspace ({@code users.info}: an admin or an owner), for the
 * operator-only usage report. Asked only when someone asks for that report, and kept a few minutes so a
 * repeated ask costs no call. When Slack cannot tell (an error, a missing scope), the answer is no.
 */
final class SlackAdmins {
    private static final Logger log = LoggerFactory.getLogger(SlackAdmins.class);
    static final Duration KEEP = Duration.ofMinutes(5);

    private record Known(boolean admin, Instant until) {
    }

    private final MethodsClient client;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    SlackAdmins(MethodsClient client, Clock clock) {
        this.client = Checks.notNull(client, "client");
        this.clock = Checks.notNull(clock, "clock");
    }

    /** Blocks for a Web API call unless the answer is known: call off Slack's request thread. */
    boolean isAdmin(String userId) {
        Instant now = clock.instant();
        known.values().removeIf(k -> !k.until().isAfter(now));
        Known k = known.get(userId);
        if (k != null) {
            return k.admin();
        }
        boolean admin;
        try {
            UsersInfoResponse info = SlackCalls.run("users.info", () -> client.usersInfo(r -> r.user(userId)));
            User user = info.getUser();
            admin = user != null && (user.isAdmin() || user.isOwner() || user.isPrimaryOwner());
        } catch (RuntimeException e) {
            log.info("Could not tell whether {} is a workspace admin: {}", userId, e.getMessage());
            return false;
        }
        known.put(userId, new Known(admin, now.plus(KEEP)));
        return admin;
    }
}
