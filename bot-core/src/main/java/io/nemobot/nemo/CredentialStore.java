package io.nemobot.nemo;

import java.util.Optional;

/** Where the client id and the anonymous token survive restarts. */
public interface CredentialStore {
    Optional<String> credential(String name);

    void saveCredential(String name, String value);
}
