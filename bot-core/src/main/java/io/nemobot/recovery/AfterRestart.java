package io.nemobot.recovery;

import io.nemobot.chat.ChatThread;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Fleet;
import io.nemobot.store.AcceptedMessage;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.PendingRender;
import io.nemobot.store.Store;
import io.nemobot.words.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start finds that the previous run left in flight: renders still being made are polled again
 * (their links still reach the right thread), and turns the process died in are explained in place
 * of the reply that never ended. In a fleet of processes it does the same, periodically, for what a
 * dead process left: whatever no live process holds a lease on.
 */
public final class AfterRestart {
    private static final Logger LOG = LoggerFactory.getLogger(AfterRestart.class);

    /** How many orphaned renders one sweep takes over: a survivor takes its share, the next sweeps the rest. */
    private static final int RENDERS_PER_SWEEP = 50;
    /** How many orphaned open turns one claim takes (each holds its thread's lease until explained). */
    private static final int TURNS_PER_SWEEP = 50;
    /** How many of a dead process's accepted messages one sweep takes over. */
    private static final int MESSAGES_PER_SWEEP = 100;

    private final Store store;
    private final Platforms platforms;
    private final RenderTracker renders;
    private final Notices notices;
    private final Fleet fleet;
    /**
     * Messages taken over whose thread still had an open turn (the dead process's, not explained yet:
     * its lease had not lapsed): they run once it is explained, so the explanation comes before their
     * answer and the running message's turn never hides the interrupted one. Guarded by this.
     */
    private final List<AcceptedMessage> deferred = new ArrayList<>();
    /** Threads whose interrupted turn is being explained here (its record and lease kept until it lands). Guarded by this. */
    private final Set<ThreadKey> explaining = new HashSet<>();
    private final TurnExplanations explanations;

    public AfterRestart(Store store, Platforms platforms, RenderTracker renders, Notices notices, Fleet fleet) {
        this.store = Objects.requireNonNull(store, "store");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.renders = Objects.requireNonNull(renders, "renders");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.explanations = new TurnExplanations(store, platforms, notices);
    }

    /**
     * Resumes renders in flight and starts explaining interrupted turns; call once the platforms are
     * registered. Hands {@code run} the messages an earlier run accepted and never started, now this run's
     * (a message that came with files is explained here instead: they are not kept): at once, or, for a
     * thread whose interrupted turn is being explained, once that explanation has landed. In a fleet, only
     * what no live process holds: the others' turns, renders and messages are still theirs.
     */
    public void resume(Consumer<List<AcceptedMessage>> run) {
        if (fleet.shared()) {
            sweep(run);
            return;
        }
        for (PendingRender r : store.pendingRenders()) {
            Optional<ChatThread> chat = platforms.thread(r.thread());
            if (chat.isEmpty()) {
                LOG.warn("Render {} belongs to {}, which is not configured now; it stays stored", r.renderId(), r.thread());
                continue;
            }
            renders.resume(r, chat.get());
        }
        for (OpenTurn t : store.openTurns()) {
            Optional<ChatThread> chat = platforms.thread(t.thread());
            if (chat.isEmpty()) {
                continue;
            }
            explain(t, chat.get(), false, run);
        }
        List<AcceptedMessage> ready;
        synchronized (this) {
            ready = defer(store.adoptAcceptedMessages(fleet.runId()));
        }
        handOut(ready, run);
    }

    /**
     * In a fleet (and periodically, so a process killed at any time is noticed within a lease and a sweep):
     * takes over the renders whose poller died, starts explaining each open turn whose thread lease expired
     * (claimed with the lease in one statement, so threads live processes hold cost nothing, and no two
     * processes explain one turn; the lease is held until the explanation has landed), and takes over the
     * accepted messages of runs that stopped, handed to {@code run} once their thread has no open turn left.
     * The turn is read again under the lease, so one that ended meanwhile is not explained.
     */
    public void sweep(Consumer<List<AcceptedMessage>> run) {
        handOut(claimOrphans(run), run);
    }

    private synchronized List<AcceptedMessage> claimOrphans(Consumer<List<AcceptedMessage>> run) {
        try {
            List<String> claimed = fleet.claimOrphanedRenders(RENDERS_PER_SWEEP);
            if (!claimed.isEmpty()) {
                for (PendingRender r : store.pendingRenders()) {
                    if (claimed.contains(r.renderId())) {
                        resumeClaimed(r);
                    }
                }
            }
            List<ThreadKey> batch;
            do { // in batches until none is left: a dead process's hundreds of turns are all claimed in one sweep
                batch = fleet.claimOrphanedTurns(TURNS_PER_SWEEP);
                for (ThreadKey thread : batch) {
                    try {
                        explainIfStillOpen(thread, run);
                    } catch (RuntimeException e) { // its lease went back: the next sweep tries again, the rest go on
                        LOG.warn("Explaining the open turn in {} failed ({})", thread, e.toString());
                    }
                }
            } while (batch.size() == TURNS_PER_SWEEP);
            List<AcceptedMessage> taken = new ArrayList<>();
            for (String eventId : fleet.claimOrphanedMessages(MESSAGES_PER_SWEEP)) {
                store.acceptedMessage(eventId).ifPresent(taken::add);
            }
            return defer(taken);
        } catch (RuntimeException e) {
            LOG.warn("Looking for other processes' interrupted work failed ({}); the next sweep tries again", e.toString());
            return List.of();
        }
    }

    /**
     * Keeps {@code taken} with the messages waiting for their thread's explanation (kept here until they are
     * handed back to run, whatever fails meanwhile) and takes out those that may run now, in the order they
     * were written. Holds the lock.
     */
    private List<AcceptedMessage> defer(List<AcceptedMessage> taken) {
        deferred.addAll(taken);
        deferred.sort(Comparator.comparing(AcceptedMessage::writtenAt).thenComparing(AcceptedMessage::eventId));
        List<AcceptedMessage> ready = new ArrayList<>();
        List<ThreadKey> waiting = new ArrayList<>();
        for (AcceptedMessage m : deferred) {
            if (waiting.contains(m.thread()) || waitsForExplanation(m.thread())) {
                waiting.add(m.thread()); // after the thread's open turn is explained, in order
            } else {
                ready.add(m);
            }
        }
        deferred.removeAll(ready);
        return ready;
    }

    /**
     * Whether a message of the thread must wait: its interrupted turn is being explained here, or (in a
     * fleet) is still recorded as open (another process explains it, or a later sweep here).
     */
    private boolean waitsForExplanation(ThreadKey thread) {
        return explaining.contains(thread) || (fleet.shared() && store.openTurn(thread).isPresent());
    }

    private void handOut(List<AcceptedMessage> ready, Consumer<List<AcceptedMessage>> run) {
        List<AcceptedMessage> runnable = toRun(ready);
        if (!runnable.isEmpty()) {
            run.accept(runnable);
        }
    }

    /**
     * The taken-over messages that can run here: those of configured platforms, without files. One that
     * came with files is explained (the files are gone) and forgotten.
     */
    private List<AcceptedMessage> toRun(List<AcceptedMessage> taken) {
        List<AcceptedMessage> run = new ArrayList<>();
        for (AcceptedMessage m : taken) {
            Optional<ChatThread> chat = platforms.thread(m.thread());
            if (chat.isEmpty()) {
                LOG.warn("Message {} belongs to {}, which is not configured here; it stays stored", m.eventId(), m.thread());
                continue;
            }
            if (m.files() == 0) {
                LOG.info("Running message {} in {}, accepted by {} and never started", m.eventId(), m.thread(), m.owner());
                run.add(m);
                continue;
            }
            if (store.removeAcceptedMessage(m.eventId(), m.owner())) {
                LOG.info("Explaining message {} in {}: its files were lost in a restart", m.eventId(), m.thread());
                notices.sayLater(chat.get(), words(m).get("restart.files", "user", chat.get().mention(m.author())));
            }
        }
        return run;
    }

    private Messages words(AcceptedMessage m) {
        return store.binding(m.thread()).map(b -> Messages.of(b.language())).orElseGet(() -> Messages.of(m.locale(), m.text()));
    }

    private void resumeClaimed(PendingRender r) {
        Optional<ChatThread> chat = platforms.thread(r.thread());
        if (chat.isEmpty()) {
            LOG.warn("Render {} belongs to {}, which is not configured here; it goes back", r.renderId(), r.thread());
            fleet.releaseRender(r.renderId());
            return;
        }
        LOG.info("Taking over render {} of {} from a process that stopped", r.renderId(), r.thread());
        renders.resume(r, chat.get());
    }

    /** Explains the claimed thread's open turn, if it is still open; else gives the lease back at once. */
    private void explainIfStillOpen(ThreadKey thread, Consumer<List<AcceptedMessage>> run) {
        Optional<OpenTurn> turn = Optional.empty();
        Optional<ChatThread> chat = Optional.empty();
        try {
            chat = platforms.thread(thread);
            if (chat.isEmpty()) {
                LOG.warn("The open turn in {} belongs to a platform not configured here; it goes back", thread);
            } else {
                turn = store.openTurn(thread);
            }
        } finally {
            if (turn.isEmpty()) {
                fleet.releaseThread(thread);
            }
        }
        if (turn.isPresent()) {
            LOG.info("Explaining the turn in {} that a stopped process left open", thread);
            explain(turn.get(), chat.get(), true, run);
        }
    }

    /**
     * Starts explaining {@code turn} without waiting for it ({@link TurnExplanations#explainThenForget}: its
     * record goes once the explanation has landed). Then the thread's lease, when {@code leased}, goes back
     * (until then no other process explains the turn; the heartbeat renews the lease however long the
     * platform's budgets make the wait), and the thread's messages waiting for the explanation run.
     */
    private void explain(OpenTurn turn, ChatThread chat, boolean leased, Consumer<List<AcceptedMessage>> run) {
        synchronized (this) {
            explaining.add(turn.thread());
        }
        explanations.explainThenForget(turn, chat).whenComplete((done, e) -> ended(turn.thread(), leased, run));
    }

    private void ended(ThreadKey thread, boolean leased, Consumer<List<AcceptedMessage>> run) {
        if (leased) {
            try {
                fleet.releaseThread(thread);
            } catch (RuntimeException e) {
                LOG.warn("Thread {}: its lease could not be given back ({}); it expires instead", thread, e.toString());
            }
        }
        List<AcceptedMessage> ready;
        synchronized (this) {
            explaining.remove(thread);
            // Only this thread changed here (the others' are looked at again by the next sweep): one read, not one per message.
            ready = deferred.stream().anyMatch(m -> m.thread().equals(thread)) && !waitsForExplanation(thread)
                    ? deferred.stream().filter(m -> m.thread().equals(thread)).toList() : List.of();
            deferred.removeAll(ready);
        }
        try {
            handOut(ready, run);
        } catch (RuntimeException e) {
            LOG.warn("Running the messages that waited for the turn in {} failed ({})", thread, e.toString());
        }
    }
}
