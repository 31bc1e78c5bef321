package io.nemobot.fleet;

import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.List;

/**
 * The processes sharing one database, seen from one of them. A lease is this process's claim on a
 * thread (its turn runs here) or a render (its polls run here); it lasts while {@link #heartbeat()}
 * renews it and expires when the holder stops renewing (it died), so another process can take it.
 * Leases are never re-entrant: a thread this process already holds cannot be taken again here.
 */
public interface Fleet extends AutoCloseable {
    /** This process's id ({@code NEMO_INSTANCE_ID}, else generated at start). */
    String instanceId();

    /**
     * This run of this process, different after every restart: the messages it accepts are recorded under
     * it, so the next run, or a surviving process, can tell which ones a dead run left waiting.
     */
    String runId();

    /** Whether other processes may share the database (false: one process, everything is this one's). */
    boolean shared();

    /** Whether this delivery's event id is seen for the first time by the whole fleet (it is remembered from now on). */
    boolean firstDelivery(String eventId);

    /**
     * Takes the thread's turn lease if no live process holds it, whatever waits for the thread; false when
     * another (or this) one holds it. For work that is not a message (explaining a dead process's turn).
     */
    boolean tryTakeThread(ThreadKey thread);

    /**
     * Puts the message in its thread's fleet-wide queue (nothing if it is there already): from now on no
     * other process takes the thread's lease for a message written after it.
     */
    void queueForThread(ThreadKey thread, Arrival arrival);

    /**
     * Takes the thread's turn lease for this message: only when no live process holds the lease and no
     * other live process has an older message of the thread waiting. Until then the message waits in the
     * thread's queue (it is queued here if it was not); once taken, it leaves the queue. This process's own
     * messages are ordered by its thread lane, not here.
     */
    boolean tryTakeThread(ThreadKey thread, Arrival arrival);

    /** Takes the message out of its thread's queue without running it (it was dropped: shutting down). */
    void leaveThreadQueue(ThreadKey thread, Arrival arrival);

    /** Gives the thread's turn lease back (nothing if this process does not hold it). */
    void releaseThread(ThreadKey thread);

    /** Takes the lease of a render this process has just submitted. */
    void takeRender(String renderId);

    /** Whether this process still holds the render's lease (false: it expired and another process took it). */
    boolean holdsRender(String renderId);

    /**
     * Claims the post of a render's link for this process, once for the whole fleet and only while it
     * holds the render's lease (one atomic statement): false when the link was claimed before, or another
     * process took the render over (this one paused past its lease). A single process has no leases: it
     * claims in its own store ({@code Store.claimRenderLink}).
     */
    boolean claimRenderLink(String renderId);

    /** Gives the render's lease back, once its link is posted or it ended. */
    void releaseRender(String renderId);

    /** Takes up to {@code max} stored renders that no live process polls (never polled, or their holder died). */
    List<String> claimOrphanedRenders(int max);

    /**
     * Takes the turn leases of up to {@code max} threads whose turn is recorded as open while no live process
     * holds their lease (the holder died): the caller explains each turn, then gives the lease back. Threads a
     * live process holds are not touched. A single process explains every open turn once, at start: none here.
     */
    List<ThreadKey> claimOrphanedTurns(int max);

    /**
     * Takes over up to {@code max} accepted messages whose run is no longer live (they become this run's, so
     * no other process takes them too) and returns their event ids. A single process runs what its earlier
     * runs left once, at start: none here.
     */
    List<String> claimOrphanedMessages(int max);

    /**
     * Reserves the next free slot of a fleet-wide sequence for one platform call: slots of one
     * {@code key} (a budget and its scope, e.g. Slack's posts into one channel) are at least
     * {@code spacing} apart across every process, and the slot reserved is the earliest free one at or
     * after now. Returns how long until it (zero: go now); the caller waits that long, then calls. For a
     * limit no share can divide (one call a second per channel: each of n processes would still take one a
     * second). A single process returns zero: within a process the platform's adapter keeps the limit.
     */
    Duration reserveSlot(String key, Duration spacing);

    /** Renews this process's presence and every lease it holds; forgets delivery ids older than the dedupe window. */
    void heartbeat();

    /** Processes that renewed their presence within the lease time, this one included. */
    int liveInstances();

    /**
     * Whether every other live process has renewed its presence since this one joined: each re-counts the
     * live processes right after renewing, so each has then counted this one and shrunk its share of the
     * platform budgets. True when no other process is live (and always for a single process). A process
     * that joins takes no work before this holds, or its share and the others' older, larger ones would add
     * up past the platforms' limits.
     */
    boolean countedByOthers();

    /** Leaves the fleet: gives back every lease at once, so others need not wait for them to expire. */
    @Override
    void close();
}
