package io.nemobot.slack.outbound;

import com.slack.api.methods.MethodsClient;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatPlatformException;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.Checks;
import io.nemobot.chat.EditBudget;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Slack as the core sees it. Its limits: about 4,000 characters a message (longer is refused with
 * {@code msg_too_long}), and every Web API method's own rate limit ({@link SlackTiers}), counted per
 * workspace, which every live message of that workspace shares. The core paces a workspace's edits to
 * what {@code chat.update} and, with native streaming, {@code chat.appendStream} carry together; this
 * adapter keeps each method within its own window. With native streaming the profile is append-only:
 * replies grow, and what is happening now goes to the thread's status. Threads it opens work in any
 * thread, also after a restart (they then edit with {@code chat.update}, and stream where Slack allows it).
 */
public final class SlackChatPlatform implements ChatPlatform {
    public static final String NAME = "slack";
    /** Below Slack's practical 4,000, leaving room for the core's continuation marks. */
    public static final int MAX_MESSAGE_LENGTH = 3900;
    /** Least time between two edits of one message. */
    public static final Duration MIN_EDIT_INTERVAL = Duration.ofSeconds(1);
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

    /**
     * As above, this process taking {@code budgetShare} of each of the tiers' limits (several processes
     * serving one app split them; the core's {@code Conversations.budgetShare()}).
     */
    public SlackChatPlatform(MethodsClient client, Clock clock, Duration streamLifetime, Duration streamIdle,
            boolean nativeStreaming, SlackTiers tiers, java.util.function.DoubleSupplier budgetShare) {
        this.client = Checks.notNull(client, "client");
        this.budgets = new SlackBudgets(tiers, clock, budgetShare);
        this.streamIdle = Checks.notNull(streamIdle, "streamIdle");
        this.streams = new LiveStreams(Checks.notNull(clock, "clock"), Checks.notNull(streamLifetime, "streamLifetime"),
                nativeStreaming);
        this.memory = new ThreadMemory(clock);
        this.profile = new PlatformProfile(NAME, MAX_MESSAGE_LENGTH, MIN_EDIT_INTERVAL,
                List.of(editBudget(tiers, nativeStreaming)), nativeStreaming);
    }

    /**
     * What a workspace's edits may draw on together: {@code chat.update}, plus {@code chat.appendStream}
     * when replies stream (a stream whose append budget is spent continues with {@code chat.update}, a
     * posted message waits here for {@code chat.update}'s window).
     */
    static EditBudget editBudget(SlackTiers tiers, boolean nativeStreaming) {
        SlackTier update = tiers.tier("chat.update");
        if (!nativeStreaming) {
            return new EditBudget("slack chat.update", update.permits(), update.period(), ThreadKey::workspace, false);
        }
        SlackTier append = tiers.tier("chat.appendStream");
        long perMinute = Math.round(update.permits() * 60_000.0 / update.period().toMillis()
                + append.permits() * 60_000.0 / append.period().toMillis());
        return new EditBudget("slack chat.update + chat.appendStream", (int) Math.max(1, perMinute),
                Duration.ofMinutes(1), ThreadKey::workspace, false);
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
