package io.nemobot.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Everything the simulator saw, thread-safe; waiters are woken on every change. */
final class Recorder {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<ChatMessage> chats = new ArrayList<>();
    private final List<UploadRecord> uploads = new ArrayList<>();
    private int activeStreams;
    private int peakActiveStreams;

    void request(RecordedRequest request) {
        update(() -> requests.add(request));
    }

    void chat(ChatMessage message) {
        update(() -> chats.add(message));
    }

    void upload(UploadRecord upload) {
        update(() -> uploads.add(upload));
    }

    void streamOpened() {
        update(() -> {
            activeStreams++;
            peakActiveStreams = Math.max(peakActiveStreams, activeStreams);
        });
    }

    void streamClosed() {
        update(() -> activeStreams--);
    }

    List<RecordedRequest> requests() {
        return read(() -> List.copyOf(requests));
    }

    List<RecordedRequest> requests(Endpoint endpoint) {
        return read(() -> requests.stream().filter(r -> r.endpoint() == endpoint).toList());
    }

    List<ChatMessage> chats() {
        return read(() -> List.copyOf(chats));
    }

    List<UploadRecord> uploads() {
        return read(() -> List.copyOf(uploads));
    }

    int activeStreams() {
        return read(() -> activeStreams);
    }

    int peakActiveStreams() {
        return read(() -> peakActiveStreams);
    }

    /** Waits until this endpoint has received at least {@code count} requests, else fails the test. */
    void awaitRequests(Endpoint endpoint, int count, Duration timeout) {
        mustHold(() -> requests(endpoint).size() >= count, timeout, () -> "expected " + count + " " + endpoint
                + " request(s) within " + timeout + ", saw " + requests(endpoint).size() + "; all requests: " + requests());
    }

    void awaitChatMessages(int count, Duration timeout) {
        mustHold(() -> chats().size() >= count, timeout,
                () -> "expected " + count + " chat message(s) within " + timeout + ", saw " + chats());
    }

    void awaitActiveStreams(int count, Duration timeout) {
        mustHold(() -> activeStreams() == count, timeout,
                () -> "expected " + count + " open stream(s) within " + timeout + ", saw " + activeStreams());
    }

    private void mustHold(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        if (!await(condition, Objects.requireNonNull(timeout, "timeout may not be null"))) {
            throw new AssertionError(failure.get());
        }
    }

    /** Waits until {@code condition} holds (checked under the lock on every change). */
    boolean await(BooleanSupplier condition, Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return condition.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }
}
