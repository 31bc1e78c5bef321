package io.nemobot.conversation;

import io.nemobot.config.BotConfig;
import io.nemobot.fleet.Fleet;
import io.nemobot.fleet.SingleProcessFleet;
import io.nemobot.fleet.ThreadTurnGate;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.nemo.Credits;
import io.nemobot.nemo.NemoClient;
import io.nemobot.recovery.AfterRestart;
import io.nemobot.recovery.CutStreamRecovery;
import io.nemobot.recovery.RetryOffers;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.FleetSlotWaits;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.session.Refusals;
import io.nemobot.session.SessionRegistry;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.Store;
import io.nemobot.upload.Uploads;
import io.nemobot.usage.UsageMeter;
import io.nemobot.usage.UsageReport;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Puts the conversation core together: the one place that sees the whole configuration and every
 * shared resource, and hands each part exactly what it uses (its constructor lists it). Nothing is
 * set after construction.
 */
public final class ConversationWiring {
    private ConversationWiring() {
    }

    /**
     * @param clock     wall-clock time (stored timestamps, the day for daily limits, render ages)
     * @param nanos     elapsed time ({@code nanoTime} values): pacing, progress, expiry of kept state
     * @param scheduler waits (pacing, progress ticks, polls, recovery reads)
     * @param workers   runs the threads' lanes and blocking backend reads
     * @param sender    makes platform calls
     */
    public static ConversationService build(BotConfig config, NemoClient nemo, Store store, Clock clock,
            LongSupplier nanos, ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService sender) {
        return build(config, nemo, store, new SingleProcessFleet("local", store::claimRenderLink), null, () -> 1.0, clock, nanos, scheduler, workers, sender,
                BotMetrics.NONE);
    }

    /**
     * The same, as one process of a fleet sharing the store's database.
     *
     * @param fleet the processes sharing the database (deliveries, renders and open turns are coordinated through it)
     * @param gate  makes each thread's task wait for the thread's fleet-wide lease; null for a single process
     * @param budgetShare this process's share of each platform budget (the pacers' and, through
     *                    {@link io.nemobot.chat.Conversations#budgetShare()}, the adapters' own limiters)
     * @param metrics where turns, platform calls, lags and renders are counted
     */
    public static ConversationService build(BotConfig config, NemoClient nemo, Store store, Fleet fleet,
            ThreadTurnGate gate, DoubleSupplier budgetShare, Clock clock, LongSupplier nanos, ScheduledExecutorService scheduler,
            ExecutorService workers, ExecutorService sender, BotMetrics metrics) {
        ThreadSkills skills = new ThreadSkills(config.skills(), config.skillPlatform());
        Platforms platforms = new Platforms(scheduler, sender, nanos, metrics, budgetShare,
                new FleetSlotWaits(fleet, scheduler));
        Notices notices = new Notices(platforms, sender);
        Refusals refusals = new Refusals(config.registerUrl(), nemo::registeredAccount, skills);
        ShutdownFlag shutdown = new ShutdownFlag();
        KeywordRouter router = new KeywordRouter(config.keywords(), config.commandMaxWords());
        ThreadLanes lanes = new ThreadLanes(workers, gate);
        RunningTurns running = new RunningTurns(lanes::waiting);
        Limits limits = new Limits(Limits.Settings.of(config), store, clock);
        SessionRegistry sessions = new SessionRegistry(store, nemo, skills, clock);
        RetryOffers retries = new RetryOffers(nanos);
        CutStreamRecovery recovery = new CutStreamRecovery(CutStreamRecovery.Settings.of(config), nemo, skills, notices,
                retries, scheduler, workers);
        ChatStream stream = new ChatStream(ChatStream.Settings.of(config), nemo, skills, recovery, shutdown, nanos,
                scheduler, sender);
        ChatTurn turns = new ChatTurn(stream, platforms, sessions, notices, refusals, running, shutdown, store, clock,
                metrics);
        Uploads uploads = new Uploads(Uploads.Settings.of(config), nemo, skills, refusals, metrics, nanos);
        RenderTracker renders = new RenderTracker(RenderTracker.Settings.of(config), nemo, store, skills, platforms,
                notices, fleet, clock, scheduler, workers, metrics);
        var account = config.skills().defaultProfile().headers(config.skillPlatform());
        UsageMeter meter = new UsageMeter(() -> {
            Credits credits = nemo.credits(account);
            return credits.available() + credits.frozen();
        }, store, clock, nanos);
        UsageReport usage = new UsageReport(store, clock);
        Prompts prompts = new Prompts(config.scriptMaxChars(), router, limits, sessions, turns, uploads, notices, meter);
        IntentRunner runner = new IntentRunner(sessions, skills, prompts, new InfoIntents(nemo, skills, notices), renders,
                retries, notices, refusals, usage);
        AfterRestart restart = new AfterRestart(store, platforms, renders, notices, fleet);
        TurnDispatch dispatch = new TurnDispatch(sessions, limits, lanes, running, notices, shutdown, store, metrics, nanos);
        return new ConversationService(platforms, sessions, skills, router, limits, lanes, running, runner, dispatch,
                restart, renders, shutdown, new SeenEvents(nanos, fleet), retries,
                new DoubleClicks(clock, DoubleClicks.WINDOW), usage, metrics, fleet.runId(), budgetShare);
    }
}
