package io.nemobot.slack.outbound;

import io.nemobot.chat.Checks;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Keeps this process's Web API calls within {@link SlackTiers}, as Slack counts them: a rolling window
 * per method and workspace (per channel for {@code chat.postMessage}). Before a call the adapter takes a
 * permit: {@link #tryTake} when another method could carry the same text, {@link #take} (waiting until
 * the window has room) when the call must go. A call is counted from when it is sent, with a margin for
 * the time Slack takes to receive it; a 429 closes the bucket until its {@code Retry-After}. So a bot
 * that paces itself here draws no refusals, and every live reply of a workspace shares each budget.
 * Several bot processes serving one app split each limit: this one keeps to its share of it
 * ({@code max(1, floor(permits x share))}), read at every call, so a process joining or leaving
 * re-divides the windows at once.
 */
final class SlackBudgets {
    /** Counted on top of each window: a call reaches Slack a little after it is stamped here. */
    private static final Duration MARGIN = Duration.ofMillis(250);
    /** A call that must go waits for its window this long at most (a safety net: a full window frees in one period). */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    /** Windows kept before the quiet ones are dropped (one per method and workspace, per channel for posts). */
    private static final int MAX_WINDOWS = 10_000;

    private final SlackTiers tiers;
    private final Clock clock;
    private final DoubleSupplier share;
    private final Map<String, Window> windows = new HashMap<>();
    /** The permit this thread took last and has not used yet: {@link #taken} stamps it anew when the call returns. */
    private final ThreadLocal<long[]> taken = new ThreadLocal<>();

    SlackBudgets(SlackTiers tiers, Clock clock) {
        this(tiers, clock, () -> 1.0);
    }

    /** {@code share}: this process's share of each limit (the core's {@code Conversations.budgetShare()}). */
    SlackBudgets(SlackTiers tiers, Clock clock, DoubleSupplier share) {
        this.tiers = Checks.notNull(tiers, "tiers");
        this.clock = Checks.notNull(clock, "clock");
        this.share = Checks.notNull(share, "share");
    }

    SlackTiers tiers() {
        return tiers;
    }

    /** Takes a permit if the method has room now; true for methods without a limit. */
    synchronized boolean tryTake(String method, ThreadKey key) {
        Optional<Window> window = window(method, key);
        if (window.isEmpty()) {
            return true;
        }
        long now = clock.millis();
        if (window.get().waitMillis(now) > 0) {
            return false;
        }
        taken.set(window.get().stamp(now));
        return true;
    }

    /** Whether the method has room now (nothing is taken). */
    synchronized boolean hasRoom(String method, ThreadKey key) {
        return window(method, key).map(w -> w.waitMillis(clock.millis()) == 0).orElse(true);
    }

    /**
     * Takes a permit, waiting until the window has room, for at most {@code longest}; after that the
     * call goes anyway (a refusal is then waited out like any other).
     */
    void take(String method, ThreadKey key, Duration longest) {
        long deadline = System.nanoTime() + longest.toNanos(); // real time: a test's clock may stand still
        long clockBefore = 0;
        long realBefore = 0;
        long waited = -1;
        synchronized (this) {
            while (true) {
                Optional<Window> window = window(method, key);
                if (window.isEmpty()) {
                    return;
                }
                long now = clock.millis();
                long wait = window.get().waitMillis(now);
                long left = (deadline - System.nanoTime()) / 1_000_000;
                // A clock that stood still while the wait passed in real time is a test's: the wait is over.
                boolean stoodStill = waited >= 0 && (System.nanoTime() - realBefore) / 1_000_000 >= waited
                        && now - clockBefore < waited;
                if (wait == 0 || left <= 0 || stoodStill) {
                    taken.set(window.get().stamp(now));
                    return;
                }
                clockBefore = now;
                realBefore = System.nanoTime();
                waited = Math.max(1, Math.min(wait, left));
                try {
                    wait(waited);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    taken.set(window.get().stamp(now));
                    return;
                }
            }
        }
    }

    /**
     * Runs a call after taking its permit (waiting for room up to the method's window), and notes a
     * refusal as rate limited so that no other call of that method goes before Slack's {@code Retry-After}.
     */
    <T extends com.slack.api.methods.SlackApiTextResponse> T run(String method, ThreadKey key,
            SlackCalls.Call<T> call) {
        take(method, key, LONGEST_WAIT);
        return taken(method, key, call);
    }

    /** Runs a call whose permit was taken already ({@link #tryTake}). */
    <T extends com.slack.api.methods.SlackApiTextResponse> T taken(String method, ThreadKey key,
            SlackCalls.Call<T> call) {
        long[] permit = taken.get();
        taken.remove();
        try {
            return SlackCalls.run(method, call);
        } catch (SlackError e) {
            if (e.kind() == io.nemobot.chat.ChatPlatformException.Kind.RATE_LIMITED) {
                refused(method, key, e.retryAfter().orElse(SlackCalls.DEFAULT_RETRY_AFTER));
            }
            throw e;
        } finally {
            if (permit != null) {
                synchronized (this) {
                    permit[0] = Math.max(permit[0], clock.millis());
                    permit[1] = 0;
                    notifyAll();
                }
            }
        }
    }

    /** Slack refused a call as rate limited: no permits for that method and scope until {@code retryAfter} passed. */
    synchronized void refused(String method, ThreadKey key, Duration retryAfter) {
        window(method, key).ifPresent(w -> w.closeUntil(clock.millis() + retryAfter.toMillis()));
    }

    /** How long until the method has room (0 when it has). */
    synchronized Duration untilRoom(String method, ThreadKey key) {
        return Duration.ofMillis(window(method, key).map(w -> w.waitMillis(clock.millis())).orElse(0L));
    }

    private Optional<Window> window(String method, ThreadKey key) {
        Optional<SlackTier> tier = tiers.of(method);
        if (tier.isEmpty()) {
            return Optional.empty();
        }
        String scope = method + "|" + key.workspace() + (tier.get().perChannel() ? "|" + key.channel() : "");
        if (windows.size() >= MAX_WINDOWS && !windows.containsKey(scope)) {
            long now = clock.millis();
            windows.values().removeIf(w -> w.idle(now)); // channels that went quiet cost nothing
        }
        return Optional.of(windows.computeIfAbsent(scope, s -> new Window(tier.get(), share)));
    }

    /** One rolling window: when each of the latest calls was made, at most {@code permits} of them. */
    private static final class Window {
        private final int permits;
        private final DoubleSupplier share;
        private final long periodMillis;
        /**
         * One cell per call: its time, moved to when the call returned (Slack counts it on arrival), and
         * whether it is still on its way (then it stays in the window whatever its time).
         */
        private final List<long[]> calls = new ArrayList<>();
        private long closedUntil;

        Window(SlackTier tier, DoubleSupplier share) {
            this.permits = tier.permits();
            this.share = share;
            this.periodMillis = tier.period().toMillis() + MARGIN.toMillis();
        }

        long waitMillis(long now) {
            calls.removeIf(c -> c[1] == 0 && c[0] + periodMillis <= now);
            long wait = Math.max(0, closedUntil - now);
            if (calls.size() >= Math.max(1, (int) Math.floor(permits * share.getAsDouble()))) {
                long oldest = Long.MAX_VALUE;
                for (long[] c : calls) {
                    oldest = Math.min(oldest, c[1] == 0 ? c[0] : now);
                }
                wait = Math.max(wait, oldest + periodMillis - now);
            }
            return wait;
        }

        long[] stamp(long now) {
            long[] cell = {now, 1};
            calls.add(cell);
            return cell;
        }

        /** Whether the window holds nothing a new one would not: no call in it, no pause in force. */
        boolean idle(long now) {
            return waitMillis(now) == 0 && calls.isEmpty() && closedUntil <= now;
        }

        void closeUntil(long until) {
            closedUntil = Math.max(closedUntil, until);
        }
    }
}
