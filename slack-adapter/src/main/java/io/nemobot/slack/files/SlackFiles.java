package io.nemobot.slack.files;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.files.FilesInfoResponse;
import com.slack.api.model.File;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.Checks;
import io.nemobot.slack.outbound.SlackCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Slack file metadata into core {@link Attachment}s. Name, size and type come from the event (or
 * from {@code files.info} when Slack sent only the id); no byte is fetched here.
 */
public final class SlackFiles {
    private static final Logger log = LoggerFactory.getLogger(SlackFiles.class);

    private final MethodsClient client;
    private final FileHosts hosts;
    private final String botToken;
    private final HttpClient http;

    public SlackFiles(MethodsClient client, URI apiUrl, String botToken) {
        this.client = Checks.notNull(client, "client");
        this.hosts = new FileHosts(Checks.notNull(apiUrl, "apiUrl"));
        this.botToken = Checks.notBlank(botToken, "botToken");
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(15))
                .build();
    }

    /** Whether any file needs a {@code files.info} call (a blocking Web API call) before it is usable. */
    public static boolean needLookup(List<SlackFile> files) {
        return files.stream().anyMatch(file -> !file.complete() && !file.unreachable());
    }

    /** The attachments the bot can fetch, in order; files it never can (deleted, external) are left out. */
    public List<Attachment> attachments(List<SlackFile> files) {
        List<Attachment> attachments = new ArrayList<>();
        for (SlackFile file : files) {
            Optional<SlackFile> usable = file.complete() ? Optional.of(file) : lookUp(file);
            usable.filter(f -> !f.unreachable() && f.complete()).ifPresentOrElse(
                    f -> attachments.add(attachment(f)),
                    () -> log.info("Skipping Slack file {}: its bytes are not reachable (mode {})", file.id(),
                            file.mode()));
        }
        return attachments;
    }

    private Attachment attachment(SlackFile file) {
        URI url = URI.create(file.downloadUrl().orElseThrow());
        return new Attachment(file.name(), file.size(), file.mimetype(),
                new SlackFileSource(url, hosts, botToken, http));
    }

    private Optional<SlackFile> lookUp(SlackFile file) {
        if (file.unreachable()) {
            return Optional.empty();
        }
        try {
            FilesInfoResponse info = SlackCalls.run("files.info", () -> client.filesInfo(r -> r.file(file.id())));
            File found = info.getFile();
            if (found == null) {
                return Optional.empty();
            }
            String url = found.getUrlPrivateDownload() != null ? found.getUrlPrivateDownload() : found.getUrlPrivate();
            return Optional.of(new SlackFile(file.id(), found.getName(), found.getSize() == null ? -1 : found.getSize(),
                    found.getMimetype(), Optional.ofNullable(url), found.getMode()));
        } catch (RuntimeException e) {
            log.warn("files.info failed for Slack file {}: {}", file.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
