package io.nemobot.slack.files;

import io.nemobot.chat.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one Slack file, fetched only when opened and streamed, never held whole. The bot token
 * goes only to {@link FileHosts#trusted trusted} hosts: redirects are followed by hand, and a hop to any
 * other host is made without it. A first URL off Slack's hosts is refused outright.
 */
final class SlackFileSource implements ByteSource {
    private static final Logger log = LoggerFactory.getLogger(SlackFileSource.class);
    private static final int MAX_REDIRECTS = 5;
    private static final Duration FIRST_BYTE_TIMEOUT = Duration.ofMinutes(2);

    private final URI url;
    private final FileHosts hosts;
    private final String botToken;
    private final HttpClient http;

    SlackFileSource(URI url, FileHosts hosts, String botToken, HttpClient http) {
        this.url = url;
        this.hosts = hosts;
        this.botToken = botToken;
        this.http = http;
    }

    @Override
    public InputStream open() throws IOException {
        if (!hosts.trusted(url)) {
            throw new IOException("refusing to download a Slack file from a host that is not Slack's: " + url.getHost());
        }
        URI at = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            boolean withToken = hosts.trusted(at);
            HttpResponse<InputStream> response = send(at, withToken);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                response.body().close();
                at = at.resolve(location.get());
                log.debug("Slack file download redirected to {} (token sent: {})", at.getHost(), hosts.trusted(at));
                continue;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("Slack file download failed with HTTP " + status);
            }
            if (withToken && response.headers().firstValue("content-type").orElse("")
                    .toLowerCase(Locale.ROOT).startsWith("text/html")) {
                response.body().close();
                throw new IOException("Slack answered a file download with a web page: does the app have the "
                        + "files:read scope?");
            }
            return response.body();
        }
        throw new IOException("Slack file download redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> send(URI target, boolean withToken) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).GET().timeout(FIRST_BYTE_TIMEOUT);
        if (withToken) {
            request.header("Authorization", "Bearer " + botToken);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading a Slack file", e);
        }
    }

    @Override
    public String toString() {
        return "SlackFileSource[" + url.getHost() + "]";
    }
}
