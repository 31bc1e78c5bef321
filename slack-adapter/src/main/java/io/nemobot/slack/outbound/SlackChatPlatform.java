package io.nemobot.slack.outbound;

import com.slack.api.methods.MethodsClient;
import io.nemobot.chat.CallUse;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Checks;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.Optional;

/**
 * Slack as the core sees it. Its limits: about 4,000 characters a message (longer is refused with
 * {@code msg_too_long}), and every Web API method's own rate limit ({@link SlackTiers}), counted per
 * workspace, which every live message of that workspace shares. The core paces each call of a live reply
 * on its own method's budget ({@link #profile(SlackTiers, boolean)}); this adapter keeps each method
 * within its own window too, and budgets the calls the core does not pace (new messages, the status). With native streaming the profile is append-only:
 * replies grow, and what is happening now goes to the thread's status. Threads it opens work in any
 * thread, also after a restart (they then edit with {@code chat.update}, and stream where Slack allows it).
 */
public final class SlackChatPlatform implements ChatPlatform {
    public static final String NAME = "slack";
    /** Below Slack's practical 4,000, leaving room for the core's continuation marks. */
    public static final int MAX_MESSAGE_LENGTH = 3900;
    /** Least time between two edits of one message ({@code chat.update}). */
    public static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);
    /**
     * Least time between two appends to one native stream. Slack states no per-message rule for
     * {@code chat.appendStream} (its limit is the Tier 4 budget, per workspace); 0.75 s keeps a quiet
     * workspace's text within a second of the backend with chunks every 0.5 s, and three replies within
     * the budget's burst for a 20-second reply.
     */
    public static final Duration MIN_APPEND_INTERVAL = Duration.ofMillis(750);
    /**
     * The share of each budget's growth permits that may go at once (the rest refills over the minute):
     * short replies and quiet workspaces grow at chunk speed, long turns keep a steady share.
     */
    public static final double BURST = 0.6;
    /**
     * {@code chat.update}'s burst share: higher, so that in a burst every posted reply (which has no stream)
     * shows its first words at once and some grow again; its finals are covered by the reserve.
     */
    public static final double UPDATE_BURST = 0.8;
    /** The share of {@code chat.update}'s window kept for final texts (posted replies finish with it). */
    public static final double FINALS_RESERVE = 0.4;
    /**
     * chat.update is Tier 3: about 50 a minute per workspace. Without native streaming every edit is one;
     * new messages (chat.postMessage) have their own limit and do not draw on it.
     */
    public static final EditBudget CHAT_UPDATE_BUDGET = new EditBudget("slack chat.update (Tier 3)", 50,
            Duration.ofMinutes(1), ThreadKey::workspace, false);

    private final MethodsClient client;
    private final LiveStreams streams;
    private final ThreadMemory memory;
    private final PlatformProfile profile;
    private final Duration streamIdle;
    private final SlackBudgets budgets;

    /**
     * @param client          Web API client holding the bot token
     * @param clock           time source for stream ages
     * @param streamLifetime  how long one native stream is used before continuing with chat.update
     * @param streamIdle      how long a stream may go unwritten before {@link #closeIdleStreams()} closes it
     * @param nativeStreaming whether to try native streaming at all
     */
    public SlackChatPlatform(MethodsClient client, Clock clock, Duration streamLifetime, Duration streamIdle,
            boolean nativeStreaming) {
        this(client, clock, streamLifetime, streamIdle, nativeStreaming, SlackTiers.slack());
    }

    /** As above, keeping to {@code tiers} rather than Slack's published limits. */
    public SlackChatPlatform(MethodsClient client, Clock clock, Duration streamLifetime, Duration streamIdle,
            boolean nativeStreaming, SlackTiers tiers) {
        this(client, clock, streamLifetime, streamIdle, nativeStreaming, tiers, () -> 1.0);
    }

    /** As above, using {@code share} of every budget (processes serving one app each take 1/n). */
    public SlackChatPlatform(MethodsClient client, Clock clock, Duration streamLifetime, Duration streamIdle,
            boolean nativeStreaming, SlackTiers tiers, DoubleSupplier share) {
        this.client = Checks.notNull(client, "client");
        this.budgets = new SlackBudgets(tiers, clock, share);
        this.streamIdle = Checks.notNull(streamIdle, "streamIdle");
        this.streams = new LiveStreams(Checks.notNull(clock, "clock"), Checks.notNull(streamLifetime, "streamLifetime"),
                nativeStreaming);
        this.memory = new ThreadMemory(clock);
        this.profile = profile(tiers, nativeStreaming);
    }

    /**
     * What the core is told, from the one table of tiers: each call of a live reply draws on its method's
     * budget per workspace. Growing a native stream on {@code chat.appendStream}, closing it on
     * {@code chat.stopStream} (else on {@code chat.update}, which ends a stream too), everything else on
     * {@code chat.update}, which keeps {@value #FINALS_RESERVE} of its window for final texts. New messages draw
     * on {@code chat.postMessage}'s per-channel limit, which processes serving one app keep together in
     * fleet-wide slots; the adapter budgets them too, and {@code chat.startStream}. Without native streaming,
     * every edit is a {@code chat.update}.
     */
    public static PlatformProfile profile(SlackTiers tiers, boolean nativeStreaming) {
        List<EditBudget> budgets = new ArrayList<>();
        budgets.add(budget(tiers.tier("chat.update"), nativeStreaming ? EnumSet.of(CallUse.EDIT)
                : EnumSet.of(CallUse.EDIT, CallUse.APPEND, CallUse.CLOSE), UPDATE_BURST, FINALS_RESERVE));
        if (nativeStreaming) {
            budgets.add(budget(tiers.tier("chat.appendStream"), EnumSet.of(CallUse.APPEND), BURST, 0));
            budgets.add(budget(tiers.tier("chat.stopStream"), EnumSet.of(CallUse.CLOSE), BURST, 0));
        }
        budgets.add(posts(tiers.tier("chat.postMessage")));
        return new PlatformProfile(NAME, MAX_MESSAGE_LENGTH, MIN_EDIT_INTERVAL, budgets, nativeStreaming,
                nativeStreaming ? MIN_APPEND_INTERVAL : MIN_EDIT_INTERVAL);
    }

    /**
     * New messages: {@code chat.postMessage}'s limit (per channel, or per workspace where overridden so), kept
     * in fleet-wide slots ({@link EditBudget#inFleetSlots()}): one post a second per channel cannot be shared
     * out, since every process's share of it would still be one post a second.
     */
    private static EditBudget posts(SlackTier tier) {
        Function<ThreadKey, String> scope = tier.perChannel() ? key -> key.workspace() + "/" + key.channel()
                : ThreadKey::workspace;
        return EditBudget.of("slack " + tier.method(), tier.permits(), tier.period(), scope, EnumSet.of(CallUse.POST))
                .keptInFleetSlots();
    }

    private static EditBudget budget(SlackTier tier, Set<CallUse> uses, double burst, double reserve) {
        return EditBudget.of("slack " + tier.method(), tier.permits(), tier.period(), ThreadKey::workspace, uses)
                .rolling(burst, reserve);
    }

    @Override
    public PlatformProfile profile() {
        return profile;
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        Checks.notNull(key, "key");
        if (!NAME.equals(key.platform())) {
            throw new IllegalArgumentException("not a Slack thread: " + key);
        }
        return new SlackChatThread(key, client, streams, memory, budgets);
    }

    /**
     * Closes native streams nobody wrote to for the idle time: a message posted once and never finished
     * (a one-off notice), or a turn that was abandoned. Their text stays as it is. Run periodically.
     *
     * @return how many streams were closed
     */
    public int closeIdleStreams() {
        int closed = 0;
        for (LiveStream stream : streams.idle(streamIdle)) {
            synchronized (stream) {
                if (!stream.isOpen() || !stream.idleFor(streamIdle, streams.now())) {
                    continue;
                }
                ThreadKey scope = new ThreadKey(NAME, stream.workspace(), stream.channel(), stream.ts());
                if (!budgets.tryTake("chat.stopStream", scope)) {
                    continue; // the next sweep tries again; Slack closes it by itself in the end
                }
                try {
                    budgets.taken("chat.stopStream", scope, () -> client.chatStopStream(r -> r
                            .channel(stream.channel()).ts(stream.ts())));
                    closed++;
                } catch (SlackError e) {
                    if (e.kind() == ChatPlatformException.Kind.RATE_LIMITED) {
                        continue;
                    }
                }
                streams.forget(stream);
            }
        }
        return closed;
    }

    /**
     * Remembers who a thread's replies are for: Slack streams a reply outside DMs only to a named
     * recipient. Inbound handlers call this with the person who last wrote or clicked there.
     */
    public void recipient(ThreadKey thread, String userId) {
        memory.recipient(Checks.notNull(thread, "thread"), Checks.notBlank(userId, "userId"));
    }

    /**
     * The thread in which {@code userId} last wrote to the bot (or clicked) in this channel, while this
     * process remembers it: where {@code /nemo status} typed in the channel acts.
     */
    public Optional<ThreadKey> latestConversation(String workspace, String channel, String userId) {
        return memory.latest(Checks.notBlank(workspace, "workspace"), Checks.notBlank(channel, "channel"),
                Checks.notBlank(userId, "userId"));
    }
}
