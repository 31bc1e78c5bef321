package io.nemobot.conversation;

import io.nemobot.chat.Author;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.BotConfig;
import io.nemobot.store.Store;
import io.nemobot.words.Messages;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's limits: the channels the bot answers in, how much work one user may have running
 * or queued at once, and how many turns a user and a channel get per day (UTC). A user's running
 * count lives only while they have work: it is dropped when it falls back to zero.
 */
final class Limits {
    private final Settings settings;
    private final Store store;
    private final Clock clock;
    /** Per user, messages running or queued; updated only inside {@code compute}, so a count never outlives zero. */
    private final Map<String, Integer> activePerUser = new ConcurrentHashMap<>();

    /**
     * @param allowedChannels   channels the bot answers in (empty: all)
     * @param userMaxActive     messages one user may have running or queued at once
     * @param userDailyTurns    chat turns per user per day (0: no limit)
     * @param channelDailyTurns chat turns per channel per day (0: no limit)
     */
    record Settings(Set<String> allowedChannels, int userMaxActive, int userDailyTurns, int channelDailyTurns) {
        Settings {
            allowedChannels = Set.copyOf(Objects.requireNonNull(allowedChannels, "allowedChannels"));
            if (userMaxActive < 1) {
                throw new IllegalArgumentException("userMaxActive must be at least 1: " + userMaxActive);
            }
            if (userDailyTurns < 0 || channelDailyTurns < 0) {
                throw new IllegalArgumentException("daily turns must not be negative: userDailyTurns "
                        + userDailyTurns + ", channelDailyTurns " + channelDailyTurns);
            }
        }

        static Settings of(BotConfig config) {
            return new Settings(config.allowedChannels(), config.userMaxActive(), config.userDailyTurns(),
                    config.channelDailyTurns());
        }
    }

    /** {@code store} counts the daily turns; {@code clock} tells which day it is. */
    Limits(Settings settings, Store store, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    boolean channelAllowed(ThreadKey thread) {
        return settings.allowedChannels().isEmpty() || settings.allowedChannels().contains(thread.channel());
    }

    int userMaxActive() {
        return settings.userMaxActive();
    }

    /** Takes one of the user's active places; false (nothing taken) when they have the most running already. */
    boolean takeActive(ThreadKey thread, Author author) {
        boolean[] taken = {false};
        activePerUser.compute(userKey(thread, author), (k, n) -> {
            int running = n == null ? 0 : n;
            if (running >= settings.userMaxActive()) {
                return n;
            }
            taken[0] = true;
            return running + 1;
        });
        return taken[0];
    }

    /** Gives back a place {@link #takeActive} took. */
    void releaseActive(ThreadKey thread, Author author) {
        activePerUser.computeIfPresent(userKey(thread, author), (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Users with work running or queued now. */
    int activeUsers() {
        return activePerUser.size();
    }

    /**
     * The refusal when the user or the channel has used today's turns; otherwise the turn is counted
     * and the answer is empty.
     */
    Optional<LimitRefusal> dailyRefusal(ThreadKey thread, Author author, Messages words) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int userMax = settings.userDailyTurns();
        String userKey = userKey(thread, author);
        if (userMax > 0 && store.turns(userKey, today) >= userMax) {
            return Optional.of(new LimitRefusal("user_daily_turns", words.get("limit.daily.user", "max", userMax)));
        }
        int channelMax = settings.channelDailyTurns();
        String channelKey = "channel:" + thread.platform() + ":" + thread.channel();
        if (channelMax > 0 && store.turns(channelKey, today) >= channelMax) {
            return Optional.of(new LimitRefusal("channel_daily_turns", words.get("limit.daily.channel", "max", channelMax)));
        }
        store.countTurn(userKey, today);
        if (channelMax > 0) {
            store.countTurn(channelKey, today);
        }
        return Optional.empty();
    }

    private static String userKey(ThreadKey thread, Author author) {
        return thread.platform() + ":" + author.id();
    }
}
