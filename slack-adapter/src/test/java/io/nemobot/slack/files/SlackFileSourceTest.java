package io.nemobot.slack.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.nemobot.slack.fake.FakeSlack;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackFileSourceTest {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> elsewhereAuthorizations = new CopyOnWriteArrayList<>();
    private FakeSlack fake;
    private HttpServer elsewhere;
    private FileHosts hosts;

    @BeforeEach
    void start() throws IOException {
        fake = FakeSlack.start();
        hosts = new FileHosts(URI.create(fake.apiUrl()));
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            try (exchange) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                elsewhereAuthorizations.add(auth == null ? "none" : auth);
                byte[] body = "cdn bytes".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        elsewhere.stop(0);
        fake.close();
    }

    @Test
    void slacksFileIsStreamedWithTheToken() throws IOException {
        byte[] bytes = new byte[70_000];
        bytes[69_999] = 7;
        fake.addFile("F1", "a.mp4", "video/mp4", bytes);

        try (InputStream in = source(fake.fileUrl(new FakeSlack.FakeFile("F1", "a.mp4", "", bytes, ""))).open()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(1, fake.downloads("F1"));
    }

    @Test
    void aRedirectToAnotherHostIsFollowedWithoutTheToken() throws IOException {
        String target = "http://localhost:" + elsewhere.getAddress().getPort() + "/cdn/a.mp4";
        FakeSlack.FakeFile file = new FakeSlack.FakeFile("F2", "a.mp4", "video/mp4", new byte[0], "redirect:" + target);
        fake.addFile(file);

        try (InputStream in = source(fake.fileUrl(file)).open()) {
            assertEquals("cdn bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("none"), elsewhereAuthorizations);
    }

    @Test
    void aFirstUrlOffSlacksHostsIsRefusedBeforeAnyRequest() {
        String url = "http://localhost:" + elsewhere.getAddress().getPort() + "/steal";
        IOException e = assertThrows(IOException.class, () -> source(url).open());
        assertTrue(e.getMessage().contains("not Slack's"), e.getMessage());
        assertTrue(elsewhereAuthorizations.isEmpty());
    }

    @Test
    void aLoginPageOrAMissingFileIsAnError() {
        FakeSlack.FakeFile file = new FakeSlack.FakeFile("F3", "a.mp4", "video/mp4", new byte[10], "video/mp4");
        fake.addFile(file);
        SlackFileSource wrongToken = new SlackFileSource(URI.create(fake.fileUrl(file)), hosts, "xoxb-not-this-one",
                http);
        IOException page = assertThrows(IOException.class, wrongToken::open);
        assertTrue(page.getMessage().contains("files:read"), page.getMessage());

        IOException missing = assertThrows(IOException.class, () -> source(fake.base() + "/files/F404/x.mp4").open());
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
    }

    private SlackFileSource source(String url) {
        return new SlackFileSource(URI.create(url), hosts, FakeSlack.BOT_TOKEN, http);
    }
}
