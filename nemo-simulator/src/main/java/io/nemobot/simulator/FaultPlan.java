package io.nemobot.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/** The faults installed per endpoint: one-shot (FIFO), always, and every n-th call. */
final class FaultPlan {

    private static final class Every {
        final int n;
        final Fault fault;
        int calls;

        Every(int n, Fault fault) {
            this.n = n;
            this.fault = fault;
        }
    }

    private final Map<Endpoint, Deque<Fault>> next = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Fault> always = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Every> every = new EnumMap<>(Endpoint.class);

    synchronized void failNext(Endpoint endpoint, Fault fault) {
        next.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addLast(fault);
    }

    synchronized void failAlways(Endpoint endpoint, Fault fault) {
        always.put(endpoint, fault);
    }

    synchronized void failEvery(Endpoint endpoint, int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        every.put(endpoint, new Every(n, fault));
    }

    synchronized void clear() {
        next.clear();
        always.clear();
        every.clear();
    }

    /** The fault for this call, or null: a one-shot first, then always, then every n-th. */
    synchronized Fault pick(Endpoint endpoint) {
        Every intermittent = every.get(endpoint);
        boolean nth = intermittent != null && ++intermittent.calls % intermittent.n == 0;
        Deque<Fault> queue = next.get(endpoint);
        if (queue != null && !queue.isEmpty()) {
            return queue.removeFirst();
        }
        Fault fault = always.get(endpoint);
        if (fault != null) {
            return fault;
        }
        return nth ? intermittent.fault : null;
    }
}
