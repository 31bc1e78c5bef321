package io.nemobot.app;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process does on SIGTERM (or Ctrl-C): the JVM runs shutdown hooks, and this one runs the
 * graceful stop (readiness first, then the core's drain and the closing of everything) and then ends
 * the process with status 0, which a stop asked for is: without the explicit halt the JVM would report
 * 143 for the signal. When the launcher already ended on its own ({@link #mainEnded}), the hook does
 * nothing and the launcher's own status stands.
 */
final class GracefulExit {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulExit.class);

    private final Runnable stop;
    private final AtomicBoolean mainEnded = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** {@code stop}: the whole graceful stop, returning once everything is closed. */
    GracefulExit(Runnable stop) {
        this.stop = stop;
    }

    /** Installs the hook. */
    GracefulExit install() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "nemo-shutdown"));
        return this;
    }

    /** The launcher has returned (quit, end of input, an error): a later exit is its own. */
    void mainEnded() {
        mainEnded.set(true);
    }

    /** Whether a stop by signal has begun. */
    boolean stopping() {
        return stopping.get();
    }

    private void onSignal() {
        if (mainEnded.get() || !stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stop requested: shutting down gracefully");
        try {
            stop.run();
        } catch (RuntimeException e) {
            LOG.warn("Graceful stop failed: {}", e.toString());
        }
        LOG.info("Stopped");
        Runtime.getRuntime().halt(0);
    }
}
