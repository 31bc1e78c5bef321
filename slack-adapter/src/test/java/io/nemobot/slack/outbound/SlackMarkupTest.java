package io.nemobot.slack.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.OutgoingMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMarkupTest {
    @Test
    void boldBecomesSlackBoldAndSpecialCharactersAreEscaped() {
        assertEquals("Say *export* &amp; wait &lt;3 &gt; `code`", SlackMarkup.mrkdwn("Say **export** & wait <3 > `code`"));
    }

    @Test
    void slackTokensSurviveUntouched() {
        String text = "🎬 <@U0ANA> Your video: <https://cdn.example/v.mp4|v.mp4> in <#C0VIDEO> <!here>";
        assertEquals(text, SlackMarkup.mrkdwn(text));
        assertTrue(SlackMarkup.hasMention(text));
        assertFalse(SlackMarkup.hasMention("a <b> c https://x.example"));
    }

    @Test
    void longTextsBecomeSeveralSectionsAndButtonsUseTheCoreIds() {
        String text = "word ".repeat(1000).strip();
        var blocks = MessageLayout.blocks(new OutgoingMessage(text, List.of(Action.EXPORT, Action.RETRY)));

        assertEquals(3, blocks.size());
        assertEquals("section", blocks.get(0).getType());
        assertEquals("section", blocks.get(1).getType());
        assertEquals("actions", blocks.get(2).getType());
        assertTrue(MessageLayout.fallback(new OutgoingMessage(text, List.of())).length() <= MessageLayout.SECTION_LIMIT);
        assertEquals(MessageLayout.EMPTY, MessageLayout.fallback(OutgoingMessage.of("  ")));
    }
}
