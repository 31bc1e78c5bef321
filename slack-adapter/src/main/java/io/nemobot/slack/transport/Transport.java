package io.nemobot.slack.transport;

/** A way Slack's requests reach the Bolt app. */
public interface Transport extends AutoCloseable {
    /** Starts receiving; returns once ready. */
    void start() throws Exception;

    /** Whether it is receiving: started, and (Socket Mode) its client not stopped. */
    boolean running();

    /** Stops receiving and frees its threads and sockets. */
    @Override
    void close();
}
