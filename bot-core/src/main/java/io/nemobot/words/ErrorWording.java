package io.nemobot.words;

import io.nemobot.config.Sizes;
import io.nemobot.nemo.MediaCheck;
import io.nemobot.nemo.NemoException;
import java.util.Optional;

/** The one place backend failures become words for chat users: short, friendly, no codes or raw replies. */
public final class ErrorWording {
    private ErrorWording() {
    }

    /**
     * @param registerUrl   where anonymous users register
     * @param bindId        the id for {@code ?bind=}, when known
     * @param registered    whether the bot runs on a registered account
     * @param uploadLimit   the skill's upload limit, for 4002
     */
    public static String of(NemoException e, Messages words, String registerUrl, Optional<String> bindId,
            boolean registered, long uploadLimit) {
        switch (e.kind()) {
            case UNAUTHORIZED:
                return words.get("error.unauthorized");
            case NO_CREDITS:
                if (registered) {
                    return words.get("error.nocredits.registered");
                }
                return words.get("error.nocredits.anonymous", "url", registrationLink(registerUrl, bindId));
            case PLAN_BLOCKED:
                return words.get("error.plan");
            case UNSUPPORTED_FILE:
                return words.get("error.unsupported", "formats", MediaCheck.acceptedList());
            case FILE_TOO_LARGE:
                return words.get("error.toolarge", "limit", Sizes.format(uploadLimit));
            case RATE_LIMITED:
                return words.get("error.ratelimited");
            case BACKEND_UNAVAILABLE:
                return words.get("error.unavailable");
            default:
                return words.get("error.refused");
        }
    }

    static String registrationLink(String registerUrl, Optional<String> bindId) {
        if (bindId.isEmpty()) {
            return registerUrl;
        }
        return registerUrl + (registerUrl.contains("?") ? "&" : "?") + "bind="
                + java.net.URLEncoder.encode(bindId.get(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
