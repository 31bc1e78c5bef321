package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak's conversations while they are live: started with a first message, followed through the
 * platform calls until done (the user says "export" when an export's reply is complete), then
 * checked and forgotten, so the harness holds only the live ones. Counts how they ended.
 */
final class SoakConversations implements AutoCloseable {
    /** A conversation not done after this long (real time) counts as stuck. */
    static final long STUCK_SECONDS = 60;
    /** A done thread is checked and forgotten this long after (a late call would still be seen). */
    private static final long GRACE_MILLIS = 500;
    /** The user reads the reply this long before saying "export". */
    private static final long THINK_MILLIS = 200;
    private static final boolean TIMING = Boolean.getBoolean("bench.soakTiming");

    private final SoakRun.Settings settings;
    private final Semaphore slots;
    private final Map<ThreadKey, Live> live = new ConcurrentHashMap<>();
    private final AtomicInteger complete = new AtomicInteger();
    private final AtomicInteger withProblems = new AtomicInteger();
    private final AtomicInteger stuck = new AtomicInteger();
    private final AtomicInteger queuedNotices = new AtomicInteger();
    private final AtomicInteger liveNow = new AtomicInteger();
    private final AtomicInteger peakLive = new AtomicInteger();
    private final List<String> problemSamples = Collections.synchronizedList(new ArrayList<>());
    /** The deliberate leak ({@code leakKb > 0}): what a per-thread map that is never cleared would hold. */
    private final List<Object> leaked = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "soak-janitor"));
    private final ScheduledExecutorService users = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "soak-users"));
    private SoakPlatform discord;
    private SoakPlatform slack;
    private BotCore core;

    private static final class Live {
        final SoakPlan.Conv conv;
        final long startedAt = System.nanoTime();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicBoolean exportAsked = new AtomicBoolean();
        volatile boolean cutNoticeSeen;
        volatile boolean retryOfferSeen;

        Live(SoakPlan.Conv conv) {
            this.conv = conv;
        }
    }

    SoakConversations(SoakRun.Settings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.live());
    }

    /** The platforms (made with {@link #onCall} as their listener) and the core the users write to. */
    void connect(SoakPlatform discordPlatform, SoakPlatform slackPlatform, BotCore botCore) {
        this.discord = discordPlatform;
        this.slack = slackPlatform;
        this.core = botCore;
        janitor.scheduleWithFixedDelay(this::stuckOnes, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts the conversation once fewer than {@code live} are live. */
    void start(SoakPlan.Conv c) {
        slots.acquireUninterruptibly();
        platform(c).open(c.thread());
        live.put(c.thread(), new Live(c));
        peakLive.accumulateAndGet(liveNow.incrementAndGet(), Math::max);
        say(c, ConversationRun.PROMPT, 1);
    }

    /** Whether every conversation started is done, checked and forgotten. */
    boolean idle() {
        return live.isEmpty();
    }

    int complete() {
        return complete.get();
    }

    int withProblems() {
        return withProblems.get();
    }

    int stuck() {
        return stuck.get();
    }

    int peakLive() {
        return peakLive.get();
    }

    int queuedNotices() {
        return queuedNotices.get();
    }

    List<String> problemSamples() {
        return List.copyOf(problemSamples);
    }

    private SoakPlatform platform(SoakPlan.Conv c) {
        return c.platform().equals("discord") ? discord : slack;
    }

    private void say(SoakPlan.Conv c, String text, int n) {
        core.conversations().accept(IncomingMessage.text(c.thread(), Author.human("u" + c.index(), "User " + c.index()), text,
                "e" + c.index() + "-" + n), platform(c).thread(c.thread()));
    }

    /** Decides from what reached the platform when a conversation is done; says "export" when due. */
    void onCall(BenchPlatform.Call call) {
        Live l = live.get(call.thread());
        if (l == null || l.done.get()) {
            return;
        }
        SoakPlan.Conv c = l.conv;
        boolean replyComplete = c.tokens() > 0 && !call.text().contains("⏳")
                && DoneWatch.hasToken(call.text(), c.index(), c.tokens() - 1);
        boolean done = switch (c.kind()) {
            case TEXT -> replyComplete;
            case SILENT -> call.text().contains("\"" + c.label() + "\"");
            case CUT -> {
                // The reply's last edit (with the cut notice) and the Retry offer may arrive in either order.
                l.cutNoticeSeen |= call.text().contains(SoakChecks.CUT_NOTICE);
                l.retryOfferSeen |= call.text().contains(SoakChecks.RETRY_OFFERED);
                yield l.cutNoticeSeen && l.retryOfferSeen;
            }
            case EXPORT -> {
                if (replyComplete && l.exportAsked.compareAndSet(false, true)) {
                    users.schedule(() -> say(c, "export", 2), THINK_MILLIS, TimeUnit.MILLISECONDS);
                }
                yield call.kind().equals("post") && call.text().contains(SoakChecks.LINK);
            }
        };
        if (done && l.done.compareAndSet(false, true)) {
            if (TIMING) {
                System.err.printf("[t] %d %s %d ms%n", c.index(), c.kind(), (System.nanoTime() - l.startedAt) / 1_000_000);
            }
            ended();
            janitor.schedule(() -> retire(l, false), GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void ended() {
        liveNow.decrementAndGet();
        slots.release();
    }

    /** Checks the conversation's thread, then forgets it (the harness keeps nothing of it, unless leaking on purpose). */
    private void retire(Live l, boolean wasStuck) {
        SoakPlan.Conv c = l.conv;
        List<String> msgs = platform(c).messages(c.thread());
        List<String> problems = new ArrayList<>(SoakChecks.problems(c, msgs));
        queuedNotices.addAndGet(SoakChecks.queuedNotices(msgs));
        if (wasStuck) {
            problems.add(0, "not done after " + STUCK_SECONDS + " s; last message: "
                    + (msgs.isEmpty() ? "-" : SoakChecks.abbreviate(msgs.get(msgs.size() - 1))));
        }
        if (problems.isEmpty()) {
            complete.incrementAndGet();
        } else {
            withProblems.incrementAndGet();
            if (problemSamples.size() < 8) {
                problemSamples.add("conversation " + c.index() + " (" + c.kind() + ", " + c.platform() + "): "
                        + String.join("; ", problems));
            }
        }
        if (settings.leakKb() > 0) {
            leaked.add(new Object[] {c.thread(), msgs, new byte[settings.leakKb() * 1024]});
        }
        platform(c).forget(c.thread());
        live.remove(c.thread());
    }

    private void stuckOnes() {
        long now = System.nanoTime();
        for (Live l : live.values()) {
            if (now - l.startedAt > TimeUnit.SECONDS.toNanos(STUCK_SECONDS) && l.done.compareAndSet(false, true)) {
                stuck.incrementAndGet();
                ended();
                retire(l, true);
            }
        }
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        users.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
