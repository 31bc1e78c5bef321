package io.nemobot.simulator;

import java.io.IOException;

/**
 * Thrown out of a handler to drop the socket: the JDK server closes the connection of an exchange
 * whose handler throws, without writing the end of the response.
 */
final class AbortConnection extends IOException {

    AbortConnection(String reason) {
        super(reason);
    }
}
