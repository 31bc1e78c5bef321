package io.nemobot.app;

import ch.qos.logback.classic.Level;
import io.nemobot.config.ConfigException;
import io.nemobot.config.OpsSettings;
import io.nemobot.config.Settings;
import io.nemobot.words.Messages;
import io.nemobot.core.BotCore;
import io.nemobot.discord.DiscordAdapter;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.slack.SlackAdapter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts nemo-bot: reads the configuration (environment over {@code config/nemo-bot.properties}),
 * validates all of it at once, then runs Discord and/or Slack when their tokens are set, or a chat
 * in the terminal when neither is.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Options options = Options.parse(args);
        if (options.help() || !options.problems().isEmpty()) {
            options.problems().forEach(p -> System.err.println("nemo-bot: " + p));
            out.println(Options.usage());
            return options.help() ? 0 : 2;
        }
        Settings settings = Settings.load(defaults(env), env);
        if (OpsSettings.problems(settings).isEmpty()) {
            LogFormat.apply(OpsSettings.from(settings).logFormat());
        }
        boolean simulated = options.simulator() || settings.get("NEMO_SIMULATOR", "false").equalsIgnoreCase("true");
        boolean discord = !options.terminal() && settings.has("DISCORD_TOKEN");
        boolean slack = !options.terminal() && settings.has("SLACK_BOT_TOKEN");
        boolean terminal = !discord && !slack;
        if (terminal) {
            quietLogs(settings);
        }

        NemoSimulator simulator = null;
        if (simulated) {
            simulator = NemoSimulator.start();
            settings = settings.with(simulatorSettings(settings, env, simulator.baseUrl()));
            LOG.info("Using the bundled Nemo simulator at {}", simulator.baseUrl());
        }

        List<String> problems = new ArrayList<>();
        BotCore core = null;
        Operations ops = null;
        try {
            // BotConfig validates the ops settings with the rest; they are read here only when all is well.
            ops = OpsSettings.problems(settings).isEmpty() ? new Operations(OpsSettings.from(settings)) : null;
            core = BotCore.builder().settings(settings).metrics(ops == null ? null : ops.metrics()).build();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (discord) {
            problems.addAll(DiscordAdapter.validate(settings));
        }
        if (slack) {
            problems.addAll(SlackAdapter.validate(settings));
        }
        if (!problems.isEmpty()) {
            System.err.println("nemo-bot cannot start; fix these settings (environment variables or config/nemo-bot.properties):");
            problems.forEach(p -> System.err.println("  - " + p));
            if (core != null) {
                core.close();
            }
            if (ops != null) {
                ops.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            return 2;
        }

        List<AutoCloseable> closing = new ArrayList<>();
        if (simulator != null) {
            closing.add(simulator);
        }
        closing.add(core);
        closing.add(0, ops);
        // Not ready until every platform is started: the ops endpoints serve from here on, while the
        // platforms are still being required and started (a load balancer must not send work before).
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        ops.readiness().add("startup", () -> running.get() ? java.util.Optional.empty() : java.util.Optional.of("starting"));
        try {
            ops.start(core);
        } catch (java.io.UncheckedIOException e) {
            System.err.println("nemo-bot cannot start: NEMO_METRICS_PORT: " + e.getMessage());
            closeAll(closing);
            return 2;
        }
        BotCore started = core;
        Operations served = ops;
        java.time.Duration grace = OpsSettings.from(settings).shutdownGrace();
        // SIGTERM: not ready at once; connections other live processes can take over are closed (Slack's
        // Socket Mode); then the core drains for the grace; the adapters close after it, so that the
        // replies it ends still reach the platforms. The core itself is closed by shutDown.
        HandOvers handOvers = new HandOvers(() -> started.fleet().liveInstances());
        GracefulExit exit = new GracefulExit(() -> {
            served.readiness().drain();
            handOvers.run();
            started.shutDown(grace);
            synchronized (closing) {
                closing.remove(started);
            }
            closeAll(closing);
        }).install();
        try {
            if (terminal) {
                TerminalStyle style = TerminalStyle.detect(TerminalStyle.console(), env);
                Messages words = Messages.of(TerminalChat.locale(), "");
                TerminalPlatform platform = new TerminalPlatform(out, new TerminalScreen(style, words));
                core.register(platform);
                core.start();
                running.set(true);
                String greeting = core.conversations().help(TerminalPlatform.THREAD, TerminalChat.locale());
                new TerminalChat(core.service(), platform.thread(TerminalPlatform.THREAD), out, style, words)
                        .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), greeting);
                return 0;
            }
            PlatformStarts platforms = new PlatformStarts();
            if (discord) {
                DiscordAdapter adapter = new DiscordAdapter(settings, core.conversations());
                core.register(adapter.platform());
                closing.add(0, adapter);
                platforms.add("discord", adapter::connected, adapter::start);
            }
            if (slack) {
                SlackAdapter adapter = new SlackAdapter(settings, core.conversations());
                core.register(adapter.platform());
                closing.add(0, adapter);
                handOvers.add(adapter::handOver);
                platforms.add("slack", adapter::connected, adapter::start);
            }
            core.joinFleet(); // counted by the other processes before a gateway or socket delivers anything here
            platforms.startAll(ops);
            core.start();
            running.set(true);
            LOG.info("nemo-bot is running (skill {}, store {})", core.config().skills().defaultProfile().id(),
                    core.config().dataDir().toAbsolutePath());
            new CountDownLatch(1).await(); // until SIGTERM: the shutdown hook stops gracefully and exits 0
            return 0;
        } finally {
            if (!exit.stopping()) {
                exit.mainEnded();
                closeAll(closing);
            }
        }
    }

    /** The operator's config file ({@code NEMO_BOT_CONFIG}, else {@code ./config}), else the bundled one. */
    static Properties defaults(Map<String, String> env) {
        Path file = Path.of(env.getOrDefault("NEMO_BOT_CONFIG", "config")).resolve("nemo-bot.properties");
        if (Files.isRegularFile(file)) {
            return Settings.readProperties(file);
        }
        return Settings.readResource("config/nemo-bot.properties");
    }

    /** Offline: the simulator's URL, its own store, fast polling unless set, and never the operator's real token. */
    static Map<String, String> simulatorSettings(Settings settings, Map<String, String> env, String baseUrl) {
        Map<String, String> s = new HashMap<>();
        s.put("NEMO_API_BASE", baseUrl);
        s.put("NEMO_TOKEN", "");
        s.put("NEMO_CLIENT_ID", "");
        s.put("NEMO_BOT_DATA", Path.of(settings.get("NEMO_BOT_DATA", "./data")).resolve("simulator").toString());
        if (!env.containsKey("NEMO_RENDER_POLL_INTERVAL")) {
            s.put("NEMO_RENDER_POLL_INTERVAL", "1s");
        }
        return s;
    }

    private static void quietLogs(Settings settings) {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(Level.toLevel(settings.get("NEMO_LOG_LEVEL", "WARN"), Level.WARN));
        }
    }

    /** Closes each in order, once (the list is emptied); the main thread and a stop by signal may both call it. */
    private static void closeAll(List<AutoCloseable> closing) {
        synchronized (closing) {
            for (AutoCloseable c : closing) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
                }
            }
            closing.clear();
        }
    }
}
