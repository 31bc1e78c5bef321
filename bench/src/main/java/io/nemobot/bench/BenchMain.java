package io.nemobot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's entry point: runs the scenarios one after another (each with a fresh simulator
 * process and a fresh core), prints a Markdown report and writes it to {@code bench/results.md}.
 * See bench/README.md.
 */
public final class BenchMain {
    /** Command-line options. */
    public record Options(boolean quick, long seed, long latencyMs, double capFactor, int slackPerWorkspace,
            int renderPollMs, int thinkMs, long uploadBytes, Path out, Path workDir, Path logFile, List<String> only,
            String command, SoakRun.Settings soak) {
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        Files.createDirectories(o.workDir());
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", o.logFile().toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        long start = System.nanoTime();
        List<String> selected = o.only().isEmpty() ? defaults(o.quick()) : o.only();
        List<RunResult> results = new ArrayList<>();
        List<FleetResult> fleet = new ArrayList<>();
        for (Map.Entry<String, FleetRun.Scenario> e : fleetScenarios().entrySet()) {
            if (selected.contains(e.getKey())) {
                FleetResult f = new FleetRun(e.getValue(), o).run();
                fleet.add(f);
                System.err.println("[bench] " + FleetReport.oneLine(f));
            }
        }
        UploadRun.Result upload = null;
        for (Map.Entry<String, ConversationRun.Scenario> e : scenarios().entrySet()) {
            if (!selected.contains(e.getKey())) {
                continue;
            }
            RunResult r = new ConversationRun(e.getValue(), o).run();
            results.add(r);
            System.err.println("[bench] " + Report.oneLine(r));
        }
        if (selected.contains("upload")) {
            upload = new UploadRun(o).run(o.uploadBytes());
            System.err.printf("[bench] upload: %.1f s, %.0f MB/s, heap +%d MB, sha %s%n", upload.seconds(),
                    upload.megabytesPerSecond(), upload.heapIncrease() >> 20, upload.shaMatches() ? "matches" : "DIFFERS");
        }
        SoakResult soak = null;
        if (selected.contains("soak")) {
            soak = new SoakRun(o.soak(), o).run();
            System.err.println("[bench] " + SoakReport.oneLine(soak));
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        String report = Report.markdown(o, results, fleet, upload, soak, minutes);
        System.out.println(report);
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        Files.writeString(o.out(), report);
        System.err.printf("[bench] done in %.1f min; written to %s%n", minutes, o.out());
        System.exit(0);
    }

    /** Every run, in order. Keys are what {@code --only} takes. */
    static Map<String, ConversationRun.Scenario> scenarios() {
        Map<String, ConversationRun.Scenario> m = new LinkedHashMap<>();
        BenchPlatform.Mode enforce = BenchPlatform.Mode.ENFORCE;
        BenchPlatform.Mode unpaced = BenchPlatform.Mode.UNPACED;
        for (int n : new int[] {1, 100, 500, 1000}) {
            m.put("n" + n, new ConversationRun.Scenario("N=" + n, n, enforce, false, false));
        }
        m.put("sqlite1000", new ConversationRun.Scenario("N=1000, SQLite store", 1000, enforce, true, false));
        m.put("metrics1000", new ConversationRun.Scenario("N=1000, metrics on", 1000, enforce, false, true));
        for (int n : new int[] {100, 500}) {
            m.put("unpaced" + n, new ConversationRun.Scenario("N=" + n + ", one edit per chunk", n, unpaced, false, false));
        }
        m.put("burst", new ConversationRun.Scenario("Slack burst: 40 in one workspace, 8 channels", 40, enforce, false, false,
                Plan.Settings.ONE_WORKSPACE));
        m.put("quiet", new ConversationRun.Scenario("Slack quiet workspace: 3", 3, enforce, false, false,
                Plan.Settings.ONE_WORKSPACE));
        return m;
    }

    /** The runs over several bot processes and PostgreSQL (issue 12); the 1,000 ones are part of the full run. */
    static Map<String, FleetRun.Scenario> fleetScenarios() {
        Map<String, FleetRun.Scenario> m = new LinkedHashMap<>();
        m.put("fleet100", new FleetRun.Scenario("N=100, 3 processes, PostgreSQL", 100, 3, false));
        m.put("fleet100kill", new FleetRun.Scenario("N=100, 3 processes, one killed at ideal/2", 100, 3, true));
        m.put("fleet1000", new FleetRun.Scenario("N=1000, 3 processes, PostgreSQL", 1000, 3, false));
        m.put("fleet1000kill", new FleetRun.Scenario("N=1000, 3 processes, one killed at ideal/2", 1000, 3, true));
        return m;
    }

    /** What runs without {@code --only}. */
    static List<String> defaults(boolean quick) {
        return quick ? List.of("n1", "n100", "n500", "unpaced100", "upload")
                : List.of("n1", "n100", "n500", "n1000", "metrics1000", "sqlite1000", "unpaced100", "unpaced500", "upload",
                        "soak", "fleet1000", "fleet1000kill");
    }

    static Options parse(String[] args) throws IOException {
        boolean quick = false;
        long seed = 42;
        long latency = 40;
        double cap = 1.5;
        int perWorkspace = 10;
        Long uploadMb = null;
        Path out = null;
        int soakConversations = 20_000;
        int soakRate = 80;
        int soakLive = 64;
        int soakStep = 3;
        int soakLeakKb = 0;
        Path work = Path.of("bench/target/work");
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--latency-ms" -> latency = Long.parseLong(args[++i]);
                case "--cap-factor" -> cap = Double.parseDouble(args[++i]);
                case "--slack-per-workspace" -> perWorkspace = Integer.parseInt(args[++i]);
                case "--upload-mb" -> uploadMb = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                case "--soak-conversations" -> soakConversations = Integer.parseInt(args[++i]);
                case "--soak-rate" -> soakRate = Integer.parseInt(args[++i]);
                case "--soak-live" -> soakLive = Integer.parseInt(args[++i]);
                case "--soak-step-s" -> soakStep = Integer.parseInt(args[++i]);
                case "--soak-leak-kb" -> soakLeakKb = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: run.sh [--quick] [--only n1,n100,n500,n1000,metrics1000,sqlite1000,unpaced100,unpaced500,burst,quiet,upload,soak,
                                                 fleet100,fleet100kill,fleet1000,fleet1000kill]
                                          [--seed 42] [--latency-ms 40] [--cap-factor 1.5] [--slack-per-workspace 10]
                                          [--upload-mb 500] [--out bench/results.md] [--work bench/target/work]
                                          [--soak-conversations 20000] [--soak-rate 80] [--soak-live 64] [--soak-step-s 3]
                                          [--soak-leak-kb 0]
                            --only soak writes bench/results-soak.md (bench/results-soak-leak.md with --soak-leak-kb)
                            unless --out is given.""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        long upload = (uploadMb != null ? uploadMb : quick ? 100 : 500) << 20;
        if (out == null) {
            out = Path.of(!only.equals(List.of("soak")) ? "bench/results.md"
                    : soakLeakKb > 0 ? "bench/results-soak-leak.md" : "bench/results-soak.md");
        }
        // Platform calls take 5 ms in the soak: it measures memory, and its threads come and go quickly.
        SoakRun.Settings soak = new SoakRun.Settings(soakConversations, soakRate, soakLive, java.time.Duration.ofSeconds(soakStep),
                Math.min(1000, soakConversations), Math.max(1, soakConversations / 10), soakLeakKb, 5, seed);
        String command = System.getProperty("bench.command", "bench/run.sh " + String.join(" ", args)).strip();
        Files.createDirectories(work);
        return new Options(quick, seed, latency, cap, perWorkspace, quick ? 1000 : 3000, 500, upload, out, work,
                work.resolve("bench.log"), only, command, soak);
    }
}
