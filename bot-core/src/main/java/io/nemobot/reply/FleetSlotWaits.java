package io.nemobot.reply;

import io.nemobot.chat.CallUse;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Fleet;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, right before a platform call, for its fleet-wide slots: for each budget of the platform kept in
 * fleet slots ({@link EditBudget#inFleetSlots()}) that counts the call, the next slot of its scope is
 * reserved across the fleet ({@link Fleet#reserveSlot}) and the call waits until then, on the sender's
 * thread (the reply's next call waits behind it anyway). Shares divide every other budget; these are the
 * limits a share cannot divide (Slack's one post a second per channel), so several processes posting into
 * one channel take turns instead of each posting once a second. Slots are an interval of the budget apart
 * plus a margin (a quarter of it, at most 250 ms) for the time between a slot and the call reaching the
 * platform. A single process waits for nothing: the platform's adapter keeps the limit within a process
 * (the pacer's buckets leave these budgets to it and to the slots). When the database cannot answer,
 * the call goes without its slot (a refusal is waited out like any other) and the log says so. Time is the
 * core's scheduler's, so a test's manual time moves the waits too.
 */
public final class FleetSlotWaits {
    private static final Logger LOG = LoggerFactory.getLogger(FleetSlotWaits.class);
    /** Processes that share nothing: no call waits. */
    public static final FleetSlotWaits NONE = new FleetSlotWaits((Reservations) null, null);
    /** The most a slot's margin adds to the budget's interval. */
    static final Duration MARGIN = Duration.ofMillis(250);
    /** A slot further off than this is waited for this long only (a safety net: a saturated scope's queue). */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    /** Reserves a key's next slot, returning how long until it ({@link Fleet#reserveSlot}). */
    @FunctionalInterface
    interface Reservations {
        Duration reserve(String key, Duration spacing);
    }

    /** Null: one process, nothing reserved. */
    private final Reservations reservations;
    private final ScheduledExecutorService scheduler;

    /** {@code fleet}: where slots are reserved; {@code scheduler}: the core's time, on which the waits are measured. */
    public FleetSlotWaits(Fleet fleet, ScheduledExecutorService scheduler) {
        this(Objects.requireNonNull(fleet, "fleet").shared() ? fleet::reserveSlot : null, scheduler);
    }

    /** Slots reserved by {@code reservations} (null: none, a single process). */
    FleetSlotWaits(Reservations reservations, ScheduledExecutorService scheduler) {
        this.reservations = reservations;
        this.scheduler = reservations == null ? null : Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The time between two slots of the budget's scope: its interval and the margin. */
    static Duration spacing(EditBudget budget) {
        Duration interval = budget.interval();
        Duration margin = interval.dividedBy(4);
        return interval.plus(margin.compareTo(MARGIN) > 0 ? MARGIN : margin);
    }

    /**
     * Before a call of {@code use} in {@code thread}: reserves the slot of each fleet-slot budget counting it
     * and waits until the latest. Returns at once when there is none (or one process only). Interrupted:
     * returns at once, the interrupt kept.
     */
    public void await(PlatformProfile profile, ThreadKey thread, CallUse use) {
        if (reservations == null) {
            return;
        }
        Duration longest = Duration.ZERO;
        for (EditBudget budget : profile.budgets()) {
            if (!budget.inFleetSlots() || !budget.counts(use)) {
                continue;
            }
            try {
                Duration wait = reservations.reserve(budget.slotKey(thread), spacing(budget));
                longest = wait.compareTo(longest) > 0 ? wait : longest;
            } catch (RuntimeException e) {
                LOG.warn("Thread {}: no fleet slot for {} ({}); the call goes without it", thread, budget.name(),
                        e.toString());
            }
        }
        if (!longest.isZero()) {
            LOG.debug("Thread {}: waiting {} ms for the fleet's next {} slot", thread, longest.toMillis(), use);
            sleep(longest.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : longest);
        }
    }

    /** Waits until the scheduler's time has moved on by {@code wait}; a core that stops interrupts it (its sender does). */
    private void sleep(Duration wait) {
        CountDownLatch due = new CountDownLatch(1);
        try {
            scheduler.schedule(due::countDown, wait.toNanos(), TimeUnit.NANOSECONDS);
            due.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            LOG.debug("Core stopping; a fleet slot's wait ends early");
        }
    }
}
