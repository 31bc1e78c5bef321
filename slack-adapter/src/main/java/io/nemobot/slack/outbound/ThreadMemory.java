package io.nemobot.slack.outbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What this process learnt about threads, bounded and forgetful: who a thread's stream is for (Slack
 * requires the recipient of a stream outside DMs), each person's latest thread per channel (where a
 * slash command typed in the channel acts), and threads where a feature was refused.
 */
final class ThreadMemory {
    private final Cache<ThreadKey, String> recipients;
    private final Cache<ThreadKey, Boolean> noStatus;
    private final Cache<ThreadKey, Boolean> noStreaming;
    private final Cache<String, ThreadKey> latest;

    ThreadMemory(Clock clock) {
        this.recipients = cache(clock);
        this.noStatus = cache(clock);
        this.noStreaming = cache(clock);
        this.latest = cache(clock);
    }

    private static <K, V> Cache<K, V> cache(Clock clock) {
        return Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterAccess(Duration.ofDays(2))
                .maximumSize(50_000)
                .build();
    }

    void recipient(ThreadKey thread, String userId) {
        recipients.put(thread, userId);
        latest.put(person(thread.workspace(), thread.channel(), userId), thread);
    }

    Optional<ThreadKey> latest(String workspace, String channel, String userId) {
        return Optional.ofNullable(latest.getIfPresent(person(workspace, channel, userId)));
    }

    private static String person(String workspace, String channel, String userId) {
        return workspace + "/" + channel + "/" + userId;
    }

    Optional<String> recipient(ThreadKey thread) {
        return Optional.ofNullable(recipients.getIfPresent(thread));
    }

    void refuseStatus(ThreadKey thread) {
        noStatus.put(thread, Boolean.TRUE);
    }

    boolean statusRefused(ThreadKey thread) {
        return noStatus.getIfPresent(thread) != null;
    }

    void refuseStreaming(ThreadKey thread) {
        noStreaming.put(thread, Boolean.TRUE);
    }

    boolean streamingRefused(ThreadKey thread) {
        return noStreaming.getIfPresent(thread) != null;
    }
}
