package io.nemobot.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that checks every watched condition each {@value #PERIOD_MILLIS} ms and runs
 * its action once it holds: a thousand streams paused on one latch cost one polling thread, not a
 * thousand. Idle (no polling) while nothing is watched.
 */
final class ConditionWatcher {

    /** A registration; {@link #cancel()} it once it is no longer needed. */
    static final class Watch {
        private final BooleanSupplier condition;
        private final Runnable action;

        private Watch(BooleanSupplier condition, Runnable action) {
            this.condition = condition;
            this.action = action;
        }

        void cancel() {
            WATCHES.remove(this);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConditionWatcher.class);
    private static final long PERIOD_MILLIS = 2;
    private static final Set<Watch> WATCHES = ConcurrentHashMap.newKeySet();
    private static final Object LOCK = new Object();
    private static Thread thread;

    private ConditionWatcher() {
    }

    /** Runs {@code action} once (on the watcher thread) when {@code condition} holds. */
    static Watch watch(BooleanSupplier condition, Runnable action) {
        Watch watch = new Watch(condition, action);
        WATCHES.add(watch);
        synchronized (LOCK) {
            if (thread == null) {
                thread = new Thread(ConditionWatcher::run, "nemo-sim-watcher");
                thread.setDaemon(true);
                thread.start();
            }
            LOCK.notifyAll();
        }
        return watch;
    }

    private static void run() {
        try {
            while (true) {
                synchronized (LOCK) {
                    while (WATCHES.isEmpty()) {
                        LOCK.wait();
                    }
                }
                WATCHES.forEach(ConditionWatcher::check);
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void check(Watch watch) {
        boolean holds;
        try {
            holds = watch.condition.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("A watched condition failed; treating it as met", e);
            holds = true;
        }
        if (holds && WATCHES.remove(watch)) {
            watch.action.run();
        }
    }
}
