package io.nemobot.slack.files;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Which hosts may receive the bot token with a file download: Slack's own ({@code slack.com} and its
 * subdomains such as {@code files.slack.com}), the configured Web API host, and that host's
 * subdomains (so {@code files.slack-gov.com} with {@code https://slack-gov.com/api/}). Everything
 * else gets no token. Slack hosts must be reached over https; only the configured API host may use
 * the scheme it was configured with (a loopback test server).
 */
public final class FileHosts {
    private final URI apiUrl;
    private final String apiHost;
    private final String apiDomain;

    public FileHosts(URI apiUrl) {
        this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
        this.apiHost = lower(apiUrl.getHost());
        String domain = apiHost;
        for (String prefix : new String[] {"api.", "www."}) {
            if (domain.startsWith(prefix)) {
                domain = domain.substring(prefix.length());
            }
        }
        this.apiDomain = domain;
    }

    /** Whether a request to this URL may carry the bot token. */
    public boolean trusted(URI url) {
        String host = lower(url.getHost());
        String scheme = lower(url.getScheme());
        if (host.isEmpty()) {
            return false;
        }
        if (host.equals(apiHost) && scheme.equals(lower(apiUrl.getScheme())) && port(url) == port(apiUrl)) {
            return true;
        }
        if (!scheme.equals("https")) {
            return false;
        }
        return host.equals("slack.com") || host.endsWith(".slack.com") || host.endsWith("." + apiDomain)
                || host.equals(apiDomain);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
