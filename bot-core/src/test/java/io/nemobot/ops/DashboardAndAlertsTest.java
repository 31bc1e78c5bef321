package io.nemobot.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nemobot.metrics.CallOutcome;
import io.nemobot.metrics.PrometheusBotMetrics;
import io.nemobot.metrics.RenderOutcome;
import io.nemobot.metrics.TurnOutcome;
import io.nemobot.testing.Exposition;
import io.nemobot.testing.PromTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code config/} stay true to what the bot
 * exports: every metric an expression names appears in a real scrape, and promtool accepts the rules
 * (and the dashboard's queries, written out as rules).
 */
class DashboardAndAlertsTest {
    private static final Path CONFIG = Path.of("..", "config");
    private static final Path DASHBOARD = CONFIG.resolve("grafana-dashboard.json");
    private static final Path ALERTS = CONFIG.resolve("prometheus-alerts.yml");
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

    private static Set<String> exported;

    @TempDir
    Path work;

    /** Scrapes a registry after every facade method was called once, so each labelled family exists. */
    @BeforeAll
    static void scrapeEverything() {
        try (PrometheusBotMetrics m = new PrometheusBotMetrics()) {
            m.turnEnded("chat", TurnOutcome.COMPLETED, "", Duration.ofSeconds(1));
            m.firstText(Duration.ofSeconds(1));
            m.backendCall("chat", CallOutcome.OK, Duration.ofSeconds(1));
            m.platformCall("discord", "edit", CallOutcome.RATE_LIMITED, Duration.ofSeconds(1));
            m.chunkLag("discord", Duration.ofSeconds(1));
            m.render(RenderOutcome.COMPLETED, Duration.ofSeconds(1));
            m.uploadBytes(1);
            m.storeWrite(Duration.ofMillis(1));
            m.creditsAvailable(1);
            exported = Exposition.parse(m.scrape()).names();
        }
    }

    @Test
    void everyDashboardQueryNamesOnlyMetricsTheBotExports() throws Exception {
        Map<String, String> queries = dashboardQueries();
        assertTrue(queries.size() >= 20, "the dashboard has its panels: " + queries.keySet());
        List<String> unknown = new ArrayList<>();
        queries.forEach((where, expr) -> {
            Set<String> names = metricNames(expr);
            if (names.isEmpty()) {
                unknown.add(where + ": names no metric: " + expr);
            }
            names.stream().filter(n -> !exported.contains(n)).forEach(n -> unknown.add(where + ": " + n));
        });
        assertEquals(List.of(), unknown, "metrics not in a scrape of " + exported.size() + " series names");
    }

    @Test
    void theDashboardShowsEveryMetricOfTheFacade() throws Exception {
        Set<String> shown = new HashSet<>();
        dashboardQueries().values().forEach(expr -> shown.addAll(metricNames(expr)));
        List<String> missing = exported.stream().filter(n -> n.startsWith("nemo_"))
                .map(n -> n.replaceAll("_(bucket|count|sum|max)$", "")).distinct()
                .filter(family -> shown.stream().noneMatch(s -> s.equals(family) || s.startsWith(family + "_")))
                .toList();
        assertEquals(List.of(), missing, "every nemo_ metric has a panel");
    }

    @Test
    void everyAlertNamesOnlyMetricsTheBotExportsAndCoversTheIssuesList() throws Exception {
        Map<String, String> alerts = alertExpressions();
        assertTrue(alerts.keySet().containsAll(List.of("NemoBackendFailing", "NemoPlatform429sRising",
                "NemoRendersStuck", "NemoCreditsLow", "NemoBotNotReady")), alerts.keySet().toString());
        List<String> unknown = new ArrayList<>();
        alerts.forEach((alert, expr) -> metricNames(expr).stream()
                .filter(n -> !exported.contains(n) && !PROMETHEUS_OWN.contains(n))
                .forEach(n -> unknown.add(alert + ": " + n)));
        assertEquals(List.of(), unknown);
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        PromTool.Result result = PromTool.require().run("", "check", "rules", ALERTS.toAbsolutePath().toString());
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void promtoolAcceptsEveryDashboardQuery() throws Exception {
        PromTool tool = PromTool.require();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (String expr : dashboardQueries().values()) {
            String promql = expr.replace("$__rate_interval", "5m").replace("\"", "\\\"").replace("\n", " ");
            rules.append("      - record: dashboard:query").append(++n).append("\n        expr: \"")
                    .append(promql).append("\"\n");
        }
        Path file = work.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        PromTool.Result result = tool.run("", "check", "rules", file.toString());
        assertEquals(0, result.exitCode(), result.output() + "\n" + rules);
    }

    @Test
    void theMetricNameExtractorSkipsFunctionsLabelsAndRanges() {
        assertEquals(Set.of("nemo_turns_total"), metricNames(
                "sum by (outcome, reason) (rate(nemo_turns_total{outcome=~\"failed|refused\"}[$__rate_interval]))"));
        assertEquals(Set.of("a_total", "b_seconds_count"), metricNames(
                "sum(rate(a_total[10m] offset 1h)) / on() group_left sum(b_seconds_count) > 2 * 1e3"));
    }

    /** Panel title (with its position) to expression, for every target of every panel, rows included. */
    private static Map<String, String> dashboardQueries() throws Exception {
        JsonObject dashboard = JsonParser.parseString(Files.readString(DASHBOARD)).getAsJsonObject();
        assertFalse(dashboard.get("title").getAsString().isBlank());
        Map<String, String> queries = new TreeMap<>();
        collect(dashboard.getAsJsonArray("panels"), queries);
        return queries;
    }

    private static void collect(JsonArray panels, Map<String, String> into) {
        for (JsonElement element : panels) {
            JsonObject panel = element.getAsJsonObject();
            String title = panel.get("title").getAsString();
            if (panel.has("panels")) {
                collect(panel.getAsJsonArray("panels"), into);
            }
            if ("row".equals(panel.get("type").getAsString())) {
                continue;
            }
            JsonArray targets = panel.getAsJsonArray("targets");
            assertTrue(targets != null && !targets.isEmpty(), "panel '" + title + "' has a query");
            for (JsonElement target : targets) {
                JsonObject t = target.getAsJsonObject();
                into.put(title + " #" + t.get("refId").getAsString(), t.get("expr").getAsString());
            }
        }
    }

    /** Alert name to expression, read from the rules file (block scalars and one-line expressions). */
    private static Map<String, String> alertExpressions() throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(ALERTS);
        String alert = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("- alert:")) {
                alert = line.substring("- alert:".length()).strip();
            } else if (line.startsWith("expr:") && alert != null) {
                String value = line.substring("expr:".length()).strip();
                if (value.equals("|")) {
                    StringBuilder block = new StringBuilder();
                    int indent = indent(lines.get(i));
                    while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || indent(lines.get(i + 1)) > indent)) {
                        block.append(lines.get(++i).strip()).append('\n');
                    }
                    value = block.toString();
                }
                out.put(alert, value);
            }
        }
        return out;
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    /** The metric names a PromQL expression reads: identifiers that are not functions, keywords, labels or durations. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String id = m.group(1);
            if (!KEYWORDS.contains(id)) {
                names.add(id);
            }
        }
        return names;
    }
}
