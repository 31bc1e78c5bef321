package io.nemobot.bench;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.config.Settings;
import io.nemobot.core.BotCore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import okhttp3.OkHttpClient;

/**
 * One bot process of the fleet runs, in its own JVM: the real core over the shared PostgreSQL store
 * ({@code NEMO_DATABASE_URL}, so {@code PostgresStore} + {@code PostgresFleet}, {@code NEMO_INSTANCE_ID}
 * {@code p1}…), the Nemo simulator over HTTP, and the two benchmark platforms through
 * {@link RemotePlatform}s. The platforms declare their whole limits and the core divides them itself
 * (its {@code FleetShare}: 1 / live processes, re-read at each heartbeat); the Slack adapter model reads
 * the same live share, as the adapter does. With a fixed share (the old mode, {@code -Dbench.fleetShare=fixed}
 * in the driver) the profiles are cut instead ({@link FleetRules}) and the core is told a share of 1.
 * Driven by one-line commands on stdin, one answer line each:
 *
 * <pre>
 * say CONV N TEXT   conversation CONV's user says TEXT (its N-th message): handed to the core → ok
 * warm K            K short conversations of its own (Discord guild Gwarm, the simulator's demo reply), so the
 *                   measured run meets a warm JVM, as a process serving a fleet would be → ok
 * busy              → busy N: threads with work running or queued in the core
 * quit              closes the core → bye
 * </pre>
 *
 * <p>Unasked, it prints {@code share S NANOS} whenever the share it paces by changes ({@code System.nanoTime},
 * the driver's clock too), so the report shows the re-division as it happened.
 *
 * <p>Args: instance id, budget share ({@value #LIVE_SHARE}: the core's own; or a fixed number), platform URL, simulator URL, database URL, render poll ms, data
 * directory, fleet lease (e.g. {@code 30s}), then the plan's settings ({@link Plan.Settings#args()}).
 */
public final class NodeMain {
    /** The share argument that leaves the division to the core (its fleet's 1 / live processes). */
    static final String LIVE_SHARE = "fleet";
    private static final long SHARE_CHECK_MS = 100;

    /** Deliveries handled at once, as a web server's request threads would. */
    private static final int DELIVERY_THREADS = 16;

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        boolean fixed = !LIVE_SHARE.equals(args[1]);
        double fixedShare = fixed ? Double.parseDouble(args[1]) : 1.0;
        Plan.Settings plan = Plan.Settings.parse(args, 8);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // What the fleet does (leases waited for, turns explained, renders taken over) is logged at INFO: kept.
        System.setProperty("org.slf4j.simpleLogger.log.io.nemobot.recovery", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.nemobot.fleet", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.nemobot.core", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        Map<Integer, ThreadKey> threads = new HashMap<>();
        for (Plan.Conv c : Plan.of(plan)) {
            threads.put(c.index(), c.thread());
        }
        Map<String, String> s = new HashMap<>();
        s.put("NEMO_API_BASE", args[3]);
        s.put("NEMO_DATABASE_URL", args[4]);
        s.put("NEMO_INSTANCE_ID", id);
        s.put("NEMO_RENDER_POLL_INTERVAL", args[5] + "ms");
        s.put("NEMO_BOT_DATA", args[6]);
        s.put("NEMO_BOT_CONFIG", "does-not-exist");
        s.put("NEMO_FLEET_LEASE", args[7]);
        OkHttpClient http = RemotePlatform.client();
        BotCore.Builder builder = BotCore.builder().settings(Settings.of(s));
        if (fixed) {
            builder.budgetShare(() -> 1.0); // the profiles below are cut already: not again
        }
        BotCore core = builder.build();
        // The Slack adapter model reads the share the real adapter reads (its options' 1.0 times this).
        DoubleSupplier share = fixed ? () -> 1.0 : () -> core.conversations().budgetShare();
        RemotePlatform discord = new RemotePlatform(rules(Rules.discord(), fixedShare), share, args[2], http);
        RemotePlatform slack = new RemotePlatform(rules(Rules.slack(), fixedShare), share, args[2], http);
        core.register(discord);
        core.register(slack);
        core.start();
        out.println("ready " + ProcessHandle.current().pid());
        reportShare(fixed ? () -> fixedShare : share, out); // fixed: the cut in the profiles
        // Deliveries arrive concurrently, as Slack's HTTP requests do (each on its own server thread): the core's
        // accept does its fleet-wide dedupe and a binding read on the delivering thread.
        java.util.concurrent.ExecutorService deliveries = java.util.concurrent.Executors.newFixedThreadPool(DELIVERY_THREADS);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] a = line.split(" ", 4);
            try {
                switch (a[0]) {
                    case "say" -> {
                        int conv = Integer.parseInt(a[1]);
                        ThreadKey t = threads.get(conv);
                        RemotePlatform platform = t.platform().equals("discord") ? discord : slack;
                        IncomingMessage message = IncomingMessage.text(t, Author.human("u" + conv, "User " + conv), a[3],
                                "e" + conv + "-" + a[2]);
                        String took = "took " + conv + " " + a[2];
                        deliveries.execute(() -> { // acknowledged once accept returned (the message recorded), as a platform sees it
                            core.conversations().accept(message, platform.thread(t));
                            out.println(took);
                        });
                        out.println("ok");
                    }
                    case "warm" -> {
                        for (int k = 0; k < Integer.parseInt(a[1]); k++) {
                            ThreadKey t = new ThreadKey("discord", "Gwarm", "Cwarm", "w" + id + "-" + k);
                            IncomingMessage message = IncomingMessage.text(t, Author.human("w" + k, "Warm " + k),
                                    "hello, say something short", "warm-" + id + "-" + k);
                            deliveries.execute(() -> core.conversations().accept(message, discord.thread(t)));
                        }
                        out.println("ok");
                    }
                    case "busy" -> out.println("busy " + core.service().activeThreads());
                    case "quit" -> {
                        core.close();
                        out.println("bye");
                        System.exit(0);
                    }
                    default -> out.println("error unknown command " + a[0]);
                }
            } catch (RuntimeException e) {
                out.println("error " + e);
            }
        }
        System.exit(0);
    }

    /** The rules a node declares: whole (the core divides them), or cut to a fixed share. */
    private static Rules rules(Rules whole, double fixedShare) {
        return fixedShare < 1.0 ? FleetRules.share(whole, fixedShare) : whole;
    }

    /** Prints {@code share S NANOS} now and whenever the share changes (checked every 100 ms, on a daemon thread). */
    private static void reportShare(DoubleSupplier share, PrintStream out) {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-share");
            t.setDaemon(true);
            return t;
        });
        double[] last = {Double.NaN};
        watch.scheduleWithFixedDelay(() -> {
            double now = share.getAsDouble();
            if (now != last[0]) {
                last[0] = now;
                out.println("share " + now + " " + System.nanoTime());
            }
        }, 0, SHARE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The JVM command that runs a node; {@code log} takes its stderr (the bot's WARN log). {@code extraJvmArgs}
     * ({@code -Dbench.nodeJvmArgs}, split at white space) go before the class path, e.g. a JFR recording.
     */
    static List<String> command(String java, String classPath, String extraJvmArgs, List<String> args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx384m", "-Xss512k"));
        if (!extraJvmArgs.isBlank()) {
            cmd.addAll(List.of(extraJvmArgs.strip().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", classPath, NodeMain.class.getName()));
        cmd.addAll(args);
        return cmd;
    }
}
