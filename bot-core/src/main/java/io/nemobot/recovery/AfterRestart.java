package io.nemobot.recovery;

import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.chat.ThreadKey;
import io.nemobot.fleet.Fleet;
import io.nemobot.store.AcceptedMessage;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.PendingRender;
import io.nemobot.store.SettledMessage;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    /** How many orphaned open turns one sweep explains (each holds its thread's lease meanwhile). */
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

    public AfterRestart(Store store, Platforms platforms, RenderTracker renders, Notices notices, Fleet fleet) {
        this.store = Objects.requireNonNull(store, "store");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.renders = Objects.requireNonNull(renders, "renders");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    /**
     * Resumes renders in flight and explains interrupted turns; call once the platforms are registered.
     * Returns the messages an earlier run accepted and never started, now this run's, for the caller to
     * run (a message that came with files is explained here instead: they are not kept). In a fleet, only
     * what no live process holds: the others' turns, renders and messages are still theirs.
     */
    public List<AcceptedMessage> resume() {
        if (fleet.shared()) {
            return sweep();
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
            explain(t, chat.get());
            store.deleteOpenTurn(t.thread());
        }
        return toRun(store.adoptAcceptedMessages(fleet.runId()));
    }

    /**
     * In a fleet (and periodically, so a process killed at any time is noticed within a lease and a sweep):
     * takes over the renders whose poller died, explains each open turn whose thread lease expired (claimed
     * with the lease in one statement, so threads live processes hold cost nothing, and no two processes
     * explain one turn), and takes over the accepted messages of runs that stopped, returned for the caller
     * to run. The turn is read again under the lease, so one that ended meanwhile is not explained.
     */
    public synchronized List<AcceptedMessage> sweep() {
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
            do { // in batches until none is left: a dead process's hundreds of turns are explained in one sweep
                batch = fleet.claimOrphanedTurns(TURNS_PER_SWEEP);
                for (ThreadKey thread : batch) {
                    try {
                        explainIfStillOpen(thread);
                    } finally {
                        fleet.releaseThread(thread);
                    }
                }
            } while (batch.size() == TURNS_PER_SWEEP);
            List<AcceptedMessage> taken = new ArrayList<>();
            for (String eventId : fleet.claimOrphanedMessages(MESSAGES_PER_SWEEP)) {
                store.acceptedMessage(eventId).ifPresent(taken::add);
            }
            deferred.addAll(taken); // kept here until they are handed back to run, whatever fails meanwhile
            deferred.sort(Comparator.comparing(AcceptedMessage::writtenAt).thenComparing(AcceptedMessage::eventId));
            List<AcceptedMessage> ready = new ArrayList<>();
            List<ThreadKey> waiting = new ArrayList<>();
            for (AcceptedMessage m : deferred) {
                if (waiting.contains(m.thread()) || store.openTurn(m.thread()).isPresent()) {
                    waiting.add(m.thread()); // after the thread's open turn is explained (a later sweep), in order
                } else {
                    ready.add(m);
                }
            }
            deferred.removeAll(ready);
            return toRun(ready);
        } catch (RuntimeException e) {
            LOG.warn("Looking for other processes' interrupted work failed ({}); the next sweep tries again", e.toString());
            return List.of();
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

    private void explainIfStillOpen(ThreadKey thread) {
        Optional<ChatThread> chat = platforms.thread(thread);
        if (chat.isEmpty()) {
            LOG.warn("The open turn in {} belongs to a platform not configured here; it goes back", thread);
            return;
        }
        store.openTurn(thread).ifPresent(t -> {
            LOG.info("Explaining the turn in {} that a stopped process left open", thread);
            explain(t, chat.get());
            store.deleteOpenTurn(thread);
        });
    }

    /**
     * The reply's messages the text outgrew get their text back (one may still show the progress line),
     * and the last one says what happened.
     */
    private void explain(OpenTurn turn, ChatThread chat) {
        for (SettledMessage m : turn.settled()) {
            try {
                chat.finish(new MessageHandle(m.message()), OutgoingMessage.of(m.text()));
            } catch (RuntimeException e) {
                LOG.info("Could not put back the text of an interrupted reply's message in {} ({})", turn.thread(), e.toString());
            }
        }
        Messages words = Messages.of(store.binding(turn.thread()).map(ThreadBinding::language).orElse("en"));
        String text = words.get("restart.turn");
        try {
            if (turn.message() == null) {
                throw new IllegalStateException("no message to update");
            }
            chat.finish(new MessageHandle(turn.message()), OutgoingMessage.of(text));
        } catch (RuntimeException e) {
            LOG.info("Could not update the interrupted turn's message in {} ({}); posting instead", turn.thread(), e.toString());
            notices.say(chat, text);
        }
    }
}
