package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.nemo.NemoEvent;
import io.nemobot.nemo.NemoEventParser;
import org.junit.jupiter.api.Test;

class TurnTextTest {
    private static void feed(TurnText t, String json) {
        for (NemoEvent e : NemoEventParser.parse(json)) {
            if (e instanceof NemoEvent.Text text) {
                t.apply(text);
            }
        }
    }

    private static String agent(String text, boolean partial) {
        return "{\"author\":\"nemo_agent\",\"partial\":" + partial + ",\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
                + text + "\"}]}}";
    }

    @Test
    void fullTextReplacesItsChunksAndLaterChunksFollowIt() {
        TurnText t = new TurnText(10_000);
        feed(t, agent("I'll generate ", true));
        feed(t, agent("your video now.", true));
        assertEquals("I'll generate your video now.", t.visible());
        feed(t, agent("I'll generate your video now.", false));
        assertEquals("I'll generate your video now.", t.visible());
        feed(t, agent("Ready. ", true));
        feed(t, agent("Say export.", true));
        assertEquals("I'll generate your video now.\n\nReady. Say export.", t.visible());
        feed(t, agent("Ready. Say export.", false));
        assertEquals("I'll generate your video now.\n\nReady. Say export.", t.visible());
    }

    @Test
    void typedChunksAppend() {
        TurnText t = new TurnText(10_000);
        feed(t, "{\"type\":\"text\",\"content\":\"Hel\"}");
        feed(t, "{\"type\":\"text\",\"content\":\"lo\"}");
        assertEquals("Hello", t.visible());
    }

    @Test
    void aTrailingTemporaryIssueNoteIsDropped() {
        TurnText t = new TurnText(10_000);
        feed(t, agent("Done.", false));
        feed(t, agent("I encountered a temporary issue.", false));
        assertEquals("Done.", t.visible());
    }

    @Test
    void theTextIsBounded() {
        TurnText t = new TurnText(1000);
        feed(t, agent("x".repeat(5000), false));
        assertEquals(1000, t.visible().length());
        assertEquals(true, t.truncated());
    }
}
