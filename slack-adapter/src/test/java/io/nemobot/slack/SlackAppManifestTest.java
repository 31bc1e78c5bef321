package io.nemobot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shipped manifest asks for exactly what the adapter uses: no scope or event more, none less. */
class SlackAppManifestTest {
    private static final Path MANIFEST = Path.of("..", "config", "slack-app-manifest.yml");

    @Test
    void scopesAreExactlyThoseTheAdapterCalls() throws IOException {
        assertEquals(new TreeSet<>(Set.of(
                "app_mentions:read", // app_mention
                "assistant:write",   // assistant_thread_started, assistant.threads.*
                "channels:history", "groups:history", "mpim:history", "im:history", // message.*
                "chat:write",        // chat.postMessage / update / startStream / appendStream / stopStream
                "commands",          // /nemo
                "files:read",        // url_private_download, files.info
                "users:read")),      // users.info (is the asker of /nemo usage an admin?)
                new TreeSet<>(listUnder("    bot:")));
    }

    @Test
    void eventsAreExactlyThoseTheAdapterHandles() throws IOException {
        assertEquals(new TreeSet<>(Set.of("app_mention", "assistant_thread_started", "message.channels",
                "message.groups", "message.im", "message.mpim")), new TreeSet<>(listUnder("    bot_events:")));
    }

    @Test
    void socketModeByDefaultWithTheHttpModeUrlsReadyToUncomment() throws IOException {
        String manifest = Files.readString(MANIFEST, StandardCharsets.UTF_8);
        assertTrue(manifest.contains("socket_mode_enabled: true"));
        assertTrue(manifest.contains("- command: /nemo"));
        assertEquals(3, manifest.split("# (request_)?url: https://bot.example.com" + SlackSettings.EVENTS_PATH, -1)
                .length - 1);
    }

    private static List<String> listUnder(String header) throws IOException {
        List<String> lines = Files.readAllLines(MANIFEST, StandardCharsets.UTF_8);
        List<String> items = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.equals(header)) {
                in = true;
                continue;
            }
            if (!in || line.strip().startsWith("#")) {
                continue;
            }
            if (!line.strip().startsWith("- ")) {
                break;
            }
            items.add(line.strip().substring(2).strip());
        }
        return items;
    }
}
