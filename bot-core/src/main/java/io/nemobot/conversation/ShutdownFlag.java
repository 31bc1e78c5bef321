package io.nemobot.conversation;

/**
 * Raised once when the core shuts down. Work in flight reads it to leave its records for the next
 * start (an open turn stays open and is explained after the restart) instead of telling the user
 * that something failed.
 */
final class ShutdownFlag {
    private volatile boolean raised;

    void raise() {
        raised = true;
    }

    boolean raised() {
        return raised;
    }
}
