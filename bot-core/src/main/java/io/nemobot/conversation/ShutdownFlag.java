package io.nemobot.conversation;

/**
 * Raised once when the core shuts down. Work in flight reads it to leave its records for the next
 * start (an open turn stays open and is explained after the restart) instead of telling the user
 * that something failed. A graceful stop drains first: new messages are answered that the bot is
 * restarting while the work in flight may still end.
 */
final class ShutdownFlag {
    private volatile boolean raised;
    private volatile boolean draining;

    /** No new work from now on; work in flight goes on. */
    void drain() {
        draining = true;
    }

    /** Whether new work is refused (draining or stopped). */
    boolean draining() {
        return draining || raised;
    }

    void raise() {
        raised = true;
    }

    boolean raised() {
        return raised;
    }
}
