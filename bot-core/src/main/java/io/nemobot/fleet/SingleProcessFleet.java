package io.nemobot.fleet;

import io.nemobot.chat.ThreadKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One process and its own store (SQLite, or memory in tests): there is nobody to coordinate with.
 * The thread lanes already keep a thread's turns in order and the in-process dedupe already drops
 * repeats, so every lease is granted and every delivery is first here. A render's link is claimed in
 * the process's store ({@code Store.claimRenderLink}, so a restart does not post it again), or, with no
 * store given, once per render in this process's memory.
 */
public final class SingleProcessFleet implements Fleet {
    private final String instanceId;
    private final Predicate<String> claimLink;
    private final String runId;

    /** A process whose render links are claimed in memory (nothing durable: tests, and uses without renders). */
    public SingleProcessFleet(String instanceId) {
        this(instanceId, inMemoryClaims());
    }

    /** A process whose render links are claimed by {@code claimLink} (the store's claim: true the first time only). */
    public SingleProcessFleet(String instanceId, Predicate<String> claimLink) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.claimLink = Objects.requireNonNull(claimLink, "claimLink");
        this.runId = instanceId + "@" + java.util.UUID.randomUUID();
    }

    private static Predicate<String> inMemoryClaims() {
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        return claimed::add;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    /** The instance id and a random part: a restart with the same {@code NEMO_INSTANCE_ID} is another run. */
    @Override
    public String runId() {
        return runId;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public boolean firstDelivery(String eventId) {
        return true;
    }

    @Override
    public boolean tryTakeThread(ThreadKey thread) {
        return true;
    }

    /** Nothing to queue: the thread's lane is the only queue. */
    @Override
    public void queueForThread(ThreadKey thread, Arrival arrival) {
    }

    @Override
    public boolean tryTakeThread(ThreadKey thread, Arrival arrival) {
        return true;
    }

    @Override
    public void leaveThreadQueue(ThreadKey thread, Arrival arrival) {
    }

    @Override
    public void releaseThread(ThreadKey thread) {
    }

    @Override
    public void takeRender(String renderId) {
    }

    @Override
    public boolean holdsRender(String renderId) {
        return true;
    }

    @Override
    public boolean claimRenderLink(String renderId) {
        return claimLink.test(renderId);
    }

    @Override
    public void releaseRender(String renderId) {
    }

    /** Nothing: a single process resumes every stored render once, at start. */
    @Override
    public List<String> claimOrphanedRenders(int max) {
        return List.of();
    }

    /** Nothing: a single process explains every open turn once, at start. */
    @Override
    public List<ThreadKey> claimOrphanedTurns(int max) {
        return List.of();
    }

    /** Nothing: a single process runs what its earlier runs left once, at start ({@code Store.adoptAcceptedMessages}). */
    @Override
    public List<String> claimOrphanedMessages(int max) {
        return List.of();
    }

    /** No wait: nobody else calls the platform, and within this process the platform's adapter keeps the limit. */
    @Override
    public Duration reserveSlot(String key, Duration spacing) {
        return Duration.ZERO;
    }

    @Override
    public void heartbeat() {
    }

    @Override
    public int liveInstances() {
        return 1;
    }

    /** Nobody else to count this one. */
    @Override
    public boolean countedByOthers() {
        return true;
    }

    @Override
    public void close() {
    }
}
