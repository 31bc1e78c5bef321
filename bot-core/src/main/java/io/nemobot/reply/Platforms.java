package io.nemobot.reply;

import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import io.nemobot.metrics.BotMetrics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The chat platforms the core writes to, by name, each with the one {@link EditPacer} that shares its
 * budgets among every reply. A thread of any registered platform can be written to, also one no
 * message came from since a restart. Every thread the core writes to passes through {@link #metered},
 * so each platform call is counted.
 */
public final class Platforms {
    private record Registered(ChatPlatform platform, EditPacer pacer) {
    }

    private final Map<String, Registered> byName = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final Executor sender;
    private final LongSupplier nanos;
    private final BotMetrics metrics;
    private final DoubleSupplier share;
    private final FleetSlotWaits slots;

    /**
     * {@code sender} makes the platform calls; {@code nanos} is the pacers' clock ({@code nanoTime} values);
     * {@code metrics} counts the calls.
     */
    public Platforms(ScheduledExecutorService scheduler, Executor sender, LongSupplier nanos, BotMetrics metrics) {
        this(scheduler, sender, nanos, metrics, () -> 1.0);
    }

    /** As above; {@code share}: the part of every platform budget this process may use (see {@link EditPacer}). */
    public Platforms(ScheduledExecutorService scheduler, Executor sender, LongSupplier nanos, BotMetrics metrics,
            DoubleSupplier share) {
        this(scheduler, sender, nanos, metrics, share, FleetSlotWaits.NONE);
    }

    /** As above; {@code slots}: the fleet-wide slots each call of a fleet-slot budget waits for ({@link FleetSlotWaits}). */
    public Platforms(ScheduledExecutorService scheduler, Executor sender, LongSupplier nanos, BotMetrics metrics,
            DoubleSupplier share, FleetSlotWaits slots) {
        this.slots = Objects.requireNonNull(slots, "slots");
        this.share = Objects.requireNonNull(share, "share");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The thread with its platform calls counted (an adapter's thread, as it comes in). */
    public ChatThread metered(ChatThread thread) {
        return MeteredThread.of(thread, metrics, nanos);
    }

    public void register(ChatPlatform platform) {
        PlatformProfile profile = platform.profile();
        byName.put(profile.name(), new Registered(platform, new EditPacer(profile, scheduler, sender, nanos, share, slots)));
    }

    /** The pacer of the thread's platform; the platform must be registered. */
    EditPacer pacer(ThreadKey thread) {
        Registered registered = byName.get(thread.platform());
        if (registered == null) {
            throw new IllegalStateException("platform " + thread.platform() + " is not registered with the core");
        }
        return registered.pacer();
    }

    Optional<EditPacer> pacerOf(String platform) {
        return Optional.ofNullable(byName.get(platform)).map(Registered::pacer);
    }

    /** A writer for the thread, when its platform is registered. */
    public Optional<ChatThread> thread(ThreadKey key) {
        return Optional.ofNullable(byName.get(key.platform())).map(r -> metered(r.platform().thread(key)));
    }

    /** Rate buckets the platforms' pacers hold now. */
    public int rateBuckets() {
        return byName.values().stream().mapToInt(r -> r.pacer().rateBuckets()).sum();
    }

    /** A new live reply in the thread, paced by its platform's pacer. */
    public LiveReply reply(ChatThread chat) {
        return reply(chat, MessagesLanded.NONE);
    }

    /** A new live reply in the thread that tells {@code landing} each message that lands. */
    public LiveReply reply(ChatThread chat, MessagesLanded landing) {
        return reply(chat, landing, ReplyShown.NONE);
    }

    /** A new live reply that also tells {@code shown} when the text given it reaches the platform. */
    public LiveReply reply(ChatThread chat, MessagesLanded landing, ReplyShown shown) {
        return new LiveReply(metered(chat), pacer(chat.key()), nanos, landing, shown);
    }
}
