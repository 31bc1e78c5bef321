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

    /** A process whose render links are claimed in memory (nothing durable: tests, and uses without renders). */
    public SingleProcessFleet(String instanceId) {
        this(instanceId, inMemoryClaims());
    }

    /** A process whose render links are claimed by {@code claimLink} (the store's claim: true the first time only). */
    public SingleProcessFleet(String instanceId, Predicate<String> claimLink) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.claimLink = Objects.requireNonNull(claimLink, "claimLink");
    }

    private static Predicate<String> inMemoryClaims() {
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        return claimed::add;
    }

    @Override
    public String instanceId() {
        return instanceId;
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

    @Override
    public void close() {
    }
}
