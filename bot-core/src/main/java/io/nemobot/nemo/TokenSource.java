package io.nemobot.nemo;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token lifecycle of nemo-api.md: the configured token if any; else an anonymous token bound to
 * a client id, both persisted so a restart reuses them. When many conversations see an expired
 * token at once, only the first re-authenticates; the others pick up its new token.
 */
final class TokenSource {
    static final String CLIENT_ID = "nemo.client_id";
    static final String TOKEN = "nemo.token";
    private static final Logger LOG = LoggerFactory.getLogger(TokenSource.class);

    private final NemoSettings settings;
    private final CredentialStore store;
    /** Fetches an anonymous token for a client id (the HTTP call, with its own 400/429 handling). */
    private final Function<String, String> fetchAnonymous;
    private String token;
    private int fetches;

    TokenSource(NemoSettings settings, CredentialStore store, Function<String, String> fetchAnonymous) {
        this.settings = settings;
        this.store = store;
        this.fetchAnonymous = fetchAnonymous;
    }

    boolean configured() {
        return settings.token().isPresent();
    }

    /** The token to use now, fetching one if there is none yet. */
    synchronized String current() {
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
        return fetch();
    }

    /**
     * The token that failed was refused: fetch a new one, unless another caller already did (then
     * that one is returned). A refused configured token cannot be renewed.
     */
    synchronized String renew(String failed) {
        if (configured()) {
            throw new NemoException(NemoException.Kind.UNAUTHORIZED, 401, 1001,
                    "the configured NEMO_TOKEN was refused");
        }
        if (token != null && !token.equals(failed)) {
            return token;
        }
        LOG.info("Nemo token expired; fetching a new anonymous token");
        return fetch();
    }

    /** The client id was refused as missing: make a new one. */
    synchronized String regenerateClientId() {
        String id = UUID.randomUUID().toString();
        store.saveCredential(CLIENT_ID, id);
        LOG.info("Generated a new Nemo client id");
        return id;
    }

    synchronized int fetches() {
        return fetches;
    }

    private String fetch() {
        String clientId = clientId();
        String fresh = fetchAnonymous.apply(clientId);
        fetches++;
        store.saveCredential(TOKEN, fresh);
        token = fresh;
        return fresh;
    }

    synchronized String clientId() {
        Optional<String> configured = settings.clientId();
        if (configured.isPresent()) {
            return configured.get();
        }
        return store.credential(CLIENT_ID).orElseGet(this::regenerateClientId);
    }
}
