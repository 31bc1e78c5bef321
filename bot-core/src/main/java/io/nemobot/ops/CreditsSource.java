package io.nemobot.ops;

/** Asks the backend for the account's available credits (the launcher passes the backend client's call). */
@FunctionalInterface
public interface CreditsSource {
    long available() throws Exception;
}
