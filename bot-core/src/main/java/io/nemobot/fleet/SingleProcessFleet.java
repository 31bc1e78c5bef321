package io.nemobot.fleet;

import io.nemobot.chat.ThreadKey;
import java.util.List;
import java.util.Objects;

/**
 * One process and its own store (SQLite, or memory in tests): there is nobody to coordinate with.
 * The thread lanes already keep a thread's turns in order and the in-process dedupe already drops
 * repeats, so every lease is granted and every delivery is first here; no state is kept.
 */
public final class SingleProcessFleet implements Fleet {
    private final String instanceId;

    public SingleProcessFleet(String instanceId) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
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

    /** Never asked (see {@link Fleet#claimRenderLink}): the store's own claim decides for a single process. */
    @Override
    public boolean claimRenderLink(String renderId) {
        throw new UnsupportedOperationException("a single process claims a render's link in its store");
    }

    @Override
    public void releaseRender(String renderId) {
    }

    /** Nothing: a single process resumes every stored render once, at start. */
    @Override
    public List<String> claimOrphanedRenders(int max) {
        return List.of();
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
