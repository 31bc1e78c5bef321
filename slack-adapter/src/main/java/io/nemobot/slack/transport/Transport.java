package io.nemobot.slack.transport;

/** A way Slack's requests reach the Bolt app. */
public interface Transport extends AutoCloseable {
    /** Starts receiving; returns once ready. */
    void start() throws Exception;

    /** Stops receiving and frees its threads and sockets. */
    @Override
    void close();
}
