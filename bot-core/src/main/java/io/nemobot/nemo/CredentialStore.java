package io.nemobot.nemo;

import java.util.Optional;
import java.util.function.Supplier;

/** Where the client id and the anonymous token survive restarts. */
public interface CredentialStore {
    Optional<String> credential(String name);

    void saveCredential(String name, String value);

    /**
     * Runs {@code work} while no other process sharing this store runs work for the same name, so
     * processes that need a credential at once fetch it once and share it. One process alone needs no
     * lock beyond its own (the caller's), which is what this default is.
     */
    default <T> T exclusively(String name, Supplier<T> work) {
        return work.get();
    }
}
