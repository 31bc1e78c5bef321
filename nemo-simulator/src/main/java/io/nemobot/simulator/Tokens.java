package io.nemobot.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Issued and accepted tokens, and the one-token-per-client-id quota. */
final class Tokens {

    /** A freshly issued anonymous token. */
    record Issued(String token, String userId, Instant expiresAt) {
    }

    private final Map<String, String> userByToken = new HashMap<>();
    private final Set<String> clientIdsServed = new HashSet<>();
    private boolean acceptAny;
    private int counter;
    private int issued;

    /** Issues a token for {@code clientId}, or null when the quota refuses a second one. */
    synchronized Issued issue(String clientId, boolean quota) {
        if (quota && clientIdsServed.contains(clientId)) {
            return null;
        }
        clientIdsServed.add(clientId);
        int n = ++counter;
        issued++;
        Issued token = new Issued("sim_tok_" + n, "u_" + n, Instant.now().plus(7, ChronoUnit.DAYS));
        userByToken.put(token.token(), token.userId());
        return token;
    }

    synchronized void accept(String token) {
        userByToken.put(token, "u_accepted");
    }

    synchronized void acceptAny(boolean acceptAny) {
        this.acceptAny = acceptAny;
    }

    /** The user id of a valid token, else null. */
    synchronized String userOf(String token) {
        if (token == null) {
            return null;
        }
        String user = userByToken.get(token);
        return user == null && acceptAny && !token.isBlank() ? "u_any" : user;
    }

    /** Every token known so far becomes invalid, and the quota starts over (7 days passed). */
    synchronized void expireAll() {
        userByToken.clear();
        clientIdsServed.clear();
    }

    synchronized int issued() {
        return issued;
    }
}
