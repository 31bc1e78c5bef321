package io.nemobot.slack.outbound;

import io.nemobot.chat.ChatPlatformException;
import java.time.Duration;
import java.util.Set;

/**
 * A Web API method answered with an error (or did not answer). Keeps Slack's error code, so this
 * adapter can react to one code (a stream Slack already closed) and the core to the kind.
 */
public final class SlackError extends ChatPlatformException {
    /** The message, thread or channel is gone for good. */
    private static final Set<String> GONE = Set.of("message_not_found", "channel_not_found", "thread_not_found",
            "is_archived", "cant_update_message", "edit_window_closed", "thread_locked",
            "restricted_action_thread_locked", "channel_is_archived");
    /** The bot may not do this: scopes, membership, revoked tokens. */
    private static final Set<String> FORBIDDEN = Set.of("not_in_channel", "missing_scope", "not_allowed_token_type",
            "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission",
            "restricted_action", "restricted_action_read_only_channel", "restricted_action_non_threadable_channel",
            "ekm_access_denied", "access_denied", "team_access_not_granted", "org_login_required");
    private static final Set<String> TOO_LONG = Set.of("msg_too_long", "msg_blocks_too_long",
            "markdown_text_too_long");
    private static final Set<String> RATE_LIMITED = Set.of("ratelimited", "rate_limited");

    private final String method;
    private final String code;

    SlackError(String method, String code, Duration retryAfter, Throwable cause) {
        super(kindOf(code), method + " failed: " + code, kindOf(code) == Kind.RATE_LIMITED ? retryAfter : null, cause);
        this.method = method;
        this.code = code;
    }

    /** The Web API method, e.g. {@code chat.update}. */
    public String method() {
        return method;
    }

    /** Slack's error code, e.g. {@code message_not_found}; {@code network_error} when no answer came. */
    public String code() {
        return code;
    }

    static Kind kindOf(String code) {
        if (RATE_LIMITED.contains(code)) {
            return Kind.RATE_LIMITED;
        }
        if (GONE.contains(code)) {
            return Kind.GONE;
        }
        if (FORBIDDEN.contains(code)) {
            return Kind.FORBIDDEN;
        }
        if (TOO_LONG.contains(code)) {
            return Kind.TOO_LONG;
        }
        return Kind.OTHER;
    }
}
