package io.nemobot.slack;

import io.nemobot.chat.Checks;
import io.nemobot.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Slack adapter's configuration, read from {@link Settings} by the variable names below. Socket
 * Mode when an app-level token is set, HTTP mode (signed requests on {@code /slack/events}) otherwise.
 * {@link #toString()} never shows a token or the signing secret.
 *
 * @param botToken      the Bot User OAuth Token ({@code xoxb-...})
 * @param appToken      the app-level token ({@code xapp-...}) with {@code connections:write}: Socket Mode
 * @param signingSecret the app's signing secret: HTTP mode
 * @param port          HTTP mode's port
 * @param apiUrl        the Web API base, ending in {@code /}
 */
public record SlackSettings(String botToken, Optional<String> appToken, Optional<String> signingSecret, int port,
        URI apiUrl) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String PORT = "SLACK_PORT";
    public static final String API_URL = "SLACK_API_URL";
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    /** The one path of HTTP mode: events, slash commands and interactivity. */
    public static final String EVENTS_PATH = "/slack/events";

    public SlackSettings {
        Checks.notBlank(botToken, "botToken");
        appToken = appToken == null ? Optional.empty() : appToken;
        signingSecret = signingSecret == null ? Optional.empty() : signingSecret;
        if (appToken.isEmpty() && signingSecret.isEmpty()) {
            throw new IllegalArgumentException("appToken or signingSecret must be set");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535: " + port);
        }
        Checks.notNull(apiUrl, "apiUrl");
        if (!apiUrl.toString().endsWith("/")) {
            apiUrl = URI.create(apiUrl + "/");
        }
    }

    /** Socket Mode (an app-level token is set) rather than HTTP mode. */
    public boolean socketMode() {
        return appToken.isPresent();
    }

    /** Reads and checks the settings; throws listing every problem when they are not usable. */
    public static SlackSettings from(Settings settings) {
        List<String> problems = validate(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Slack is not configured: " + String.join("; ", problems));
        }
        return new SlackSettings(settings.get(BOT_TOKEN).orElseThrow(), settings.get(APP_TOKEN),
                settings.get(SIGNING_SECRET), port(settings), URI.create(settings.get(API_URL, DEFAULT_API_URL)));
    }

    /** Every problem of the Slack settings, each naming the variable to set; empty when usable. */
    public static List<String> validate(Settings settings) {
        List<String> problems = new ArrayList<>();
        Optional<String> bot = settings.get(BOT_TOKEN);
        if (bot.isEmpty()) {
            problems.add(BOT_TOKEN + " is not set: copy the Bot User OAuth Token (xoxb-...) from the Slack app's "
                    + "OAuth & Permissions page");
        } else if (!bot.get().startsWith("xoxb-")) {
            problems.add(BOT_TOKEN + " must be a bot token starting with xoxb-");
        }
        Optional<String> app = settings.get(APP_TOKEN);
        if (app.isPresent() && !app.get().startsWith("xapp-")) {
            problems.add(APP_TOKEN + " must be an app-level token starting with xapp- (Basic Information > "
                    + "App-Level Tokens, scope connections:write)");
        }
        if (app.isEmpty() && !settings.has(SIGNING_SECRET)) {
            problems.add("set " + APP_TOKEN + " (Socket Mode, no public URL needed) or " + SIGNING_SECRET
                    + " (HTTP mode, Slack calls " + EVENTS_PATH + ")");
        }
        if (settings.has(PORT) && port(settings) < 0) {
            problems.add(PORT + " must be a port number between 0 and 65535");
        }
        settings.get(API_URL).flatMap(SlackSettings::apiUrlProblem).ifPresent(problems::add);
        settings.get(io.nemobot.slack.outbound.SlackTiers.SETTING).ifPresent(limits -> {
            try {
                io.nemobot.slack.outbound.SlackTiers.parse(limits);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        });
        return problems;
    }

    private static int port(Settings settings) {
        String value = settings.get(PORT, String.valueOf(DEFAULT_PORT));
        try {
            int port = Integer.parseInt(value.strip());
            return port < 0 || port > 65535 ? -1 : port;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<String> apiUrlProblem(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return Optional.of(API_URL + " must be an absolute http(s) URL like " + DEFAULT_API_URL);
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                return Optional.of(API_URL + " must use https (plain http is only for a local test server)");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(API_URL + " is not a URL: use e.g. " + DEFAULT_API_URL);
        }
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + (socketMode() ? "socket" : "http") + ", port=" + port + ", apiUrl=" + apiUrl
                + "]";
    }
}
