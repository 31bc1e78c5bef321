package io.nemobot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSettingsTest {
    @Test
    void nothingSetListsEveryProblemWithTheVariableToSet() {
        List<String> problems = SlackAdapter.validate(Settings.of(Map.of()));

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("SLACK_BOT_TOKEN"));
        assertTrue(problems.get(1).contains("SLACK_APP_TOKEN") && problems.get(1).contains("SLACK_SIGNING_SECRET"));
    }

    @Test
    void wrongKindsOfTokensPortAndUrlAreReportedTogetherWithoutEchoingSecrets() {
        List<String> problems = SlackAdapter.validate(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", "xoxp-a-user-token-by-mistake",
                "SLACK_APP_TOKEN", "xoxb-bot-token-in-the-wrong-place",
                "SLACK_PORT", "70000",
                "SLACK_API_URL", "http://slack.example.com/api/")));

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("SLACK_BOT_TOKEN")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("SLACK_APP_TOKEN")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("SLACK_PORT")));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("SLACK_API_URL")));
        assertFalse(String.join(" ", problems).contains("by-mistake"));
        assertFalse(String.join(" ", problems).contains("wrong-place"));
    }

    @Test
    void httpModeDefaultsToPort3000AndSlacksApi() {
        SlackSettings settings = SlackSettings.from(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-fake-test-token",
                "SLACK_SIGNING_SECRET", "fake-signing-secret")));

        assertFalse(settings.socketMode());
        assertEquals(3000, settings.port());
        assertEquals(URI.create("https://slack.com/api/"), settings.apiUrl());
        assertFalse(settings.toString().contains("xoxb"));
        assertFalse(settings.toString().contains("fake-signing-secret"));
    }

    @Test
    void anAppTokenMeansSocketModeAndTheApiUrlGetsItsSlash() {
        SlackSettings settings = SlackSettings.from(Settings.of(Map.of(
                "SLACK_BOT_TOKEN", "xoxb-fake-test-token",
                "SLACK_APP_TOKEN", "xapp-fake-test-token",
                "SLACK_API_URL", "https://slack-gov.com/api")));

        assertTrue(settings.socketMode());
        assertEquals(URI.create("https://slack-gov.com/api/"), settings.apiUrl());
        assertFalse(settings.toString().contains("xapp"));
    }

    @Test
    void aTokenSlackRefusesStopsTheStartNamingTheVariable() {
        try (io.nemobot.slack.fake.FakeSlack fake = io.nemobot.slack.fake.FakeSlack.start();
                SlackAdapter adapter = new SlackAdapter(Settings.of(Map.of(
                        "SLACK_BOT_TOKEN", "xoxb-fake-but-revoked",
                        "SLACK_SIGNING_SECRET", "fake-signing-secret",
                        "SLACK_PORT", "0",
                        "SLACK_API_URL", fake.apiUrl())), new io.nemobot.testing.RecordingConversations())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, adapter::start);
            assertTrue(e.getMessage().contains("SLACK_BOT_TOKEN") && e.getMessage().contains("invalid_auth"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("xoxb-fake-but-revoked"));
        }
    }

    @Test
    void fromRefusesUnusableSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SlackAdapter(Settings.of(Map.of("SLACK_BOT_TOKEN", "xoxb-fake-test-token")),
                        new io.nemobot.testing.RecordingConversations()));
        assertTrue(e.getMessage().contains("SLACK_SIGNING_SECRET"), e.getMessage());
    }
}
