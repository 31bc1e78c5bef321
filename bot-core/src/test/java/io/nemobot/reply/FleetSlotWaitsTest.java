package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nemobot.chat.CallUse;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.SingleProcessFleet;
import io.nemobot.testing.Await;
import io.nemobot.testing.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A call of a budget kept in fleet-wide slots (one post a second per channel) waits for the slot its fleet
 * reserved, on the core's time; other calls, lone processes and a database that cannot answer wait for
 * nothing. The pacer leaves such a budget to the slots and the adapter: it never holds a post back for it.
 */
class FleetSlotWaitsTest {
    private static final ThreadKey THREAD = new ThreadKey("test", "W1", "C1", "T1");
    private static final EditBudget POSTS = EditBudget.of("posts", 1, Duration.ofSeconds(1),
            key -> key.workspace() + "/" + key.channel(), EnumSet.of(CallUse.POST)).keptInFleetSlots();
    private static final EditBudget EDITS = new EditBudget("edits", 50, Duration.ofMinutes(1), ThreadKey::workspace,
            false);
    private static final PlatformProfile PROFILE = new PlatformProfile("test", 2000, Duration.ofMillis(100),
            List.of(EDITS, POSTS));

    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void aPostWaitsUntilTheSlotTheFleetReservedForItsChannel() {
        SlotFleet fleet = new SlotFleet(Duration.ofSeconds(2));
        FleetSlotWaits waits = new FleetSlotWaits(fleet, scheduler);

        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> waits.await(PROFILE, THREAD, CallUse.POST));
        Await.until(() -> scheduler.pending() == 1, Duration.ofSeconds(10), () -> "the wait was never scheduled");
        assertEquals(List.of("posts|W1/C1 PT1.25S"), fleet.reserved, "its channel's slot, 1 s and a margin apart");
        scheduler.advance(Duration.ofMillis(1999));
        assertFalse(call.isDone(), "still waiting for its slot");
        scheduler.advance(Duration.ofMillis(1));
        Await.until(call::isDone, Duration.ofSeconds(10), () -> "the call never went");
    }

    @Test
    void editsLoneProcessesAndAnUnreachableDatabaseWaitForNothing() {
        SlotFleet fleet = new SlotFleet(Duration.ofSeconds(2));
        new FleetSlotWaits(fleet, scheduler).await(PROFILE, THREAD, CallUse.EDIT);
        assertEquals(List.of(), fleet.reserved, "edits draw on no fleet slot");

        new FleetSlotWaits(new SingleProcessFleet("alone"), scheduler).await(PROFILE, THREAD, CallUse.POST);
        assertEquals(0, scheduler.pending(), "one process: its adapter keeps the limit");

        SlotFleet away = new SlotFleet(null);
        new FleetSlotWaits(away, scheduler).await(PROFILE, THREAD, CallUse.POST); // returns: the call goes
        assertEquals(1, away.reserved.size());
        assertEquals(0, scheduler.pending(), "nothing to wait for when the database cannot answer");
        FleetSlotWaits.NONE.await(PROFILE, THREAD, CallUse.POST);
    }

    @Test
    void theMarginIsAQuarterOfTheIntervalAtMost250Ms() {
        assertEquals(Duration.ofMillis(1250), FleetSlotWaits.spacing(POSTS));
        assertEquals(Duration.ofMillis(25), FleetSlotWaits.spacing(EditBudget.of("fast", 50, Duration.ofSeconds(1),
                key -> "all", EnumSet.of(CallUse.POST)).keptInFleetSlots()));
    }

    @Test
    void thePacerLeavesAFleetSlotBudgetToTheSlotsAndTheAdapter() {
        EditPacer pacer = new EditPacer(new PlatformProfile("test", 2000, Duration.ofMillis(100), List.of(POSTS)),
                scheduler, Runnable::run, scheduler.clock());
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ThreadKey thread = new ThreadKey("test", "W1", "C1", "T" + i);
            pacer.request(new Post(thread, posted), scheduler.nanoTime());
        }
        scheduler.runDue();
        assertEquals(3, posted.size(), "three posts into one channel at once: no bucket of the pacer holds them");
        assertEquals(0, pacer.rateBuckets(), "no bucket made for it");
    }

    /** A reply whose next call is a post. */
    private record Post(ThreadKey thread, List<String> posted) implements EditPacer.Paced {
        @Override
        public long notBefore() {
            return 0; // the manual clock starts at 0: it may go at once
        }

        @Override
        public void flush() {
            posted.add(thread.thread());
        }

        @Override
        public CallUse use() {
            return CallUse.POST;
        }
    }

    /** Records each slot asked for and answers with one wait (null: the database is away). */
    private static final class SlotFleet implements FleetSlotWaits.Reservations {
        final List<String> reserved = new CopyOnWriteArrayList<>();
        private final Duration wait;

        SlotFleet(Duration wait) {
            this.wait = wait;
        }

        @Override
        public Duration reserve(String key, Duration spacing) {
            reserved.add(key + " " + spacing);
            if (wait == null) {
                throw new IllegalStateException("database away");
            }
            return wait;
        }
    }
}
