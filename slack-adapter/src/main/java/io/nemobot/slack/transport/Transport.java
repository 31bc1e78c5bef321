package io.nemobot.slack.transport;

/** A way Slack's requests reach the Bolt app. */
public interface Transport extends AutoCloseable {
    /** Starts receiving; returns once ready. */
    void start() throws Exception;

    /** Whether it is receiving: started, and (Socket Mode) its client not stopped. */
    boolean running();

    /**
     * Stops taking Slack's requests while the bot finishes its work, when other processes can take them:
     * Socket Mode closes its connection, so Slack hands new envelopes (and any this one did not acknowledge)
     * to the fleet's other connections. HTTP mode does nothing: the load balancer follows {@code /readyz}.
     *
     * @return whether anything was closed
     */
    default boolean handOver() {
        return false;
    }

    /** Stops receiving and frees its threads and sockets. */
    @Override
    void close();
}
