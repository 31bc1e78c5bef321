package io.nemobot.slack.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FileHostsTest {
    private final FileHosts slack = new FileHosts(URI.create("https://slack.com/api/"));

    @Test
    void slacksOwnHostsOverHttpsGetTheToken() {
        assertTrue(slack.trusted(URI.create("https://files.slack.com/files-pri/T1-F1/download/a.mp4")));
        assertTrue(slack.trusted(URI.create("https://slack.com/files/a.mp4")));
        assertFalse(slack.trusted(URI.create("http://files.slack.com/files-pri/T1-F1/a.mp4")));
    }

    @Test
    void lookalikesAndOtherHostsDoNot() {
        assertFalse(slack.trusted(URI.create("https://files.slack.com.evil.example/a.mp4")));
        assertFalse(slack.trusted(URI.create("https://evilslack.com/a.mp4")));
        assertFalse(slack.trusted(URI.create("https://cdn.example/a.mp4")));
        assertFalse(slack.trusted(URI.create("file:///etc/passwd")));
    }

    @Test
    void theConfiguredApiHostAndItsDomainCount() {
        FileHosts gov = new FileHosts(URI.create("https://slack-gov.com/api/"));
        assertTrue(gov.trusted(URI.create("https://files.slack-gov.com/files-pri/a.mp4")));
        FileHosts local = new FileHosts(URI.create("http://127.0.0.1:8123/api/"));
        assertTrue(local.trusted(URI.create("http://127.0.0.1:8123/files/F1/a.mp4")));
        assertFalse(local.trusted(URI.create("http://127.0.0.1:9999/files/F1/a.mp4")));
        assertFalse(local.trusted(URI.create("http://localhost:8123/files/F1/a.mp4")));
    }
}
