package io.nemobot.nemo;

import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.UUID;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token lifecycle of nemo-api.md: the configured token if any; else an anonymous token bound to
 * a client id, both persisted so a restart reuses them. When many conversations see an expired
 * token at once, only the first re-authenticates; the others pick up its new token. The anonymous
 * token call carries the attribution headers of the request that needed the token.
 */
final class TokenSource {
    static final String CLIENT_ID = "nemo.client_id";
    static final String TOKEN = "nemo.token";
    private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);

    private final NemoSettings settings;
    private final CredentialStore store;
    private final OkHttpCalls calls;
    private final Sleeper sleeper;
    private String token;
    private int fetches;

    TokenSource(NemoSettings settings, CredentialStore store, OkHttpCalls calls, Sleeper sleeper) {
        this.settings = settings;
        this.store = store;
        this.calls = calls;
        this.sleeper = sleeper;
    }

    boolean configured() {
        return settings.token().isPresent();
    }

    /** The token to use now, fetching one (for {@code skill}'s request) if there is none yet. */
    synchronized String current(SkillHeaders skill) {
        if (token != null) {
            return token;
        }
        Optional<String> configured = settings.token();
        if (configured.isPresent()) {
            token = configured.get();
            return token;
        }
        Optional<String> saved = store.credential(TOKEN);
        if (saved.isPresent()) {
            token = saved.get();
            LOG.info("Using the saved anonymous Nemo token");
            return token;
        }
        return fetch(null, skill);
    }

    /**
     * The token that failed was refused: fetch a new one, unless another caller already did (then
     * that one is returned). A refused configured token cannot be renewed.
     */
    synchronized String renew(String failed, SkillHeaders skill) {
        if (configured()) {
            throw new NemoException(NemoException.Kind.UNAUTHORIZED, 401, 1001,
                    "the configured NEMO_TOKEN was refused");
        }
        if (token != null && !token.equals(failed)) {
            return token;
        }
        LOG.info("Nemo token expired; fetching a new anonymous token");
        return fetch(failed, skill);
    }

    synchronized int fetches() {
        return fetches;
    }

    /**
     * Under the store's lock for the token, so processes sharing a database fetch it once: a token saved
     * meanwhile by another process (not the one that failed) is taken instead of fetching one more.
     */
    private String fetch(String failed, SkillHeaders skill) {
        token = store.exclusively(TOKEN, () -> {
            Optional<String> saved = store.credential(TOKEN);
            if (saved.isPresent() && !saved.get().equals(failed)) {
                LOG.info("Using the anonymous Nemo token another process saved");
                return saved.get();
            }
            String fresh = fetchAnonymous(clientId(), skill);
            fetches++;
            store.saveCredential(TOKEN, fresh);
            return fresh;
        });
        return token;
    }

    /** {@code POST /api/auth/anonymous-token}: a new client id after HTTP 400, one wait and retry after 429. */
    private String fetchAnonymous(String clientId, SkillHeaders skill) {
        String id = clientId;
        boolean clientRetried = false;
        boolean rateRetried = false;
        while (true) {
            Request request = OkHttpCalls.attributed(calls.post("/api/auth/anonymous-token", new JsonObject()), skill)
                    .header("X-Client-Id", id)
                    .build();
            try {
                String fresh = Json.firstString(calls.call(request), "token", "access_token");
                if (fresh == null) {
                    throw new NemoException(NemoException.Kind.BACKEND_UNAVAILABLE, 200, null, "token reply without token");
                }
                LOG.info("Obtained an anonymous Nemo token");
                return fresh;
            } catch (NemoException e) {
                if (e.httpStatus() == 400 && !clientRetried) {
                    clientRetried = true;
                    id = regenerateClientId();
                } else if (e.httpStatus() == 429 && !rateRetried) {
                    rateRetried = true;
                    RetryPolicy.pause(sleeper, settings.rateLimitRetryAfter());
                } else {
                    throw e;
                }
            }
        }
    }

    /** The client id was refused as missing: make a new one. */
    private String regenerateClientId() {
        String id = UUID.randomUUID().toString();
        store.saveCredential(CLIENT_ID, id);
        LOG.info("Generated a new Nemo client id");
        return id;
    }

    private String clientId() {
        Optional<String> configured = settings.clientId();
        if (configured.isPresent()) {
            return configured.get();
        }
        return store.credential(CLIENT_ID).orElseGet(this::regenerateClientId);
    }
}
