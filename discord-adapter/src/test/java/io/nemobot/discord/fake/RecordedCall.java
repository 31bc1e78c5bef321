package io.nemobot.discord.fake;

import java.time.Instant;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * One REST or CDN call that reached the fake.
 *
 * @param method HTTP method
 * @param path   path below the REST base (e.g. {@code channels/1/messages}), or the CDN path
 * @param body          request body as text ("" when none)
 * @param authorization the Authorization header, or null (never printed)
 * @param status        what the fake answered
 * @param at            when it arrived
 */
public record RecordedCall(String method, String path, String body, String authorization, int status, Instant at) {
    public boolean is(String method, String pathRegex) {
        return this.method.equals(method) && path.matches(pathRegex);
    }

    public DataObject json() {
        return DataObject.fromJson(body);
    }

    @Override
    public String toString() {
        return at + " " + method + " " + path + " -> " + status;
    }
}
