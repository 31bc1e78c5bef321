package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The layout of a reply's text in messages, on plain strings. */
class ReplyLayoutTest {
    /** Reply text still streaming, with a progress line under it or none. */
    private static ReplyContent streaming(String text, String footer) {
        return new ReplyContent(text, false, footer, false, List.of());
    }

    private static String words(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append("word").append(i).append(' ');
        }
        return s.toString().strip();
    }

    private static List<String> shown(List<ReplyPart> parts) {
        return parts.stream().map(p -> p.content().text()).collect(Collectors.toList());
    }

    private static List<String> texts(List<ReplyPart> parts) {
        return parts.stream().map(ReplyPart::text).collect(Collectors.toList());
    }

    @Test
    void aShortTextIsOneMessageWithTheProgressLineUnderIt() {
        List<ReplyPart> parts = ReplyLayout.of(2000).parts(streaming("The first scene", "⏳ Thinking · 5s"));
        assertEquals(List.of("The first scene\n\n⏳ Thinking · 5s"), shown(parts));
        assertEquals(List.of("The first scene"), texts(parts), "the reply text is told apart from the progress line");
    }

    @Test
    void theAcknowledgementIsNoReplyText() {
        ReplyContent ack = new ReplyContent("🎬 On it…", true, null, false, List.of());
        List<ReplyPart> parts = ReplyLayout.of(2000).parts(ack);
        assertEquals(List.of("🎬 On it…"), shown(parts));
        assertNull(parts.get(0).text());
    }

    @Test
    void anEmptyAcknowledgementIsOneEmptyMessageThatTheFirstWordsOnlyExtend() {
        List<ReplyPart> parts = ReplyLayout.of(2000).parts(new ReplyContent("", true, null, false, List.of()));
        assertEquals(1, parts.size());
        assertEquals("", parts.get(0).content().text(), "no mark in it that the text would have to replace");
    }

    @Test
    void aLongTextIsSplitUnderTheLimitAndTheProgressLineComingOrGoingMovesNoSplit() {
        ReplyLayout layout = ReplyLayout.of(500);
        String text = words(300);
        List<ReplyPart> without = layout.parts(streaming(text, null));
        List<ReplyPart> with = layout.parts(streaming(text, "⏳ Generating video — usually 2–5 min · 1m 5s"));
        assertTrue(without.size() >= 4, without.size() + " messages");
        assertEquals(texts(without), texts(with), "the same messages with or without the line");
        shown(with).forEach(m -> assertTrue(m.length() <= 500, m.length() + " characters"));
        assertTrue(shown(with).get(with.size() - 1).endsWith("⏳ Generating video — usually 2–5 min · 1m 5s"), "the line goes under the last");
        assertEquals(text, String.join(" ", texts(without)), "every word once, in order");
    }

    @Test
    void theButtonsGoUnderTheLastMessageOnly() {
        ReplyContent done = new ReplyContent(words(300), false, null, true, List.of(Action.EXPORT));
        List<ReplyPart> parts = ReplyLayout.of(500).parts(done);
        for (int i = 0; i < parts.size(); i++) {
            assertEquals(i == parts.size() - 1 ? List.of(Action.EXPORT) : List.of(), parts.get(i).content().actions());
        }
    }

    @Test
    void aMessageTheTextOutgrewKeepsWhatItShowsUpToItsLastWholeWord() {
        String text = "Scene one shows the harbour at dawn. Scene two follows the fishing boats out to sea.";
        ReplyLayout kept = ReplyLayout.of(2000).keepingLast(text, "Scene one shows the harbour at dawn. Scene tw");
        assertEquals(1, kept.kept());
        List<ReplyPart> parts = kept.parts(streaming(text, null));
        assertEquals(List.of("Scene one shows the harbour at dawn. Scene", "two follows the fishing boats out to sea."), texts(parts),
                "the word shown in part goes on in the next message");
    }

    @Test
    void aMessageShowingTooLittleOfItsTextOrOtherTextIsNotKept() {
        ReplyLayout layout = ReplyLayout.of(2000);
        assertSame(layout, layout.keepingLast("Wonderful scenes ahead", "Wonde"), "less than half of it would remain");
        assertSame(layout, layout.keepingLast("Wonderful scenes ahead", "Another text"));
        assertSame(layout, layout.keepingLast("Wonderful scenes ahead", null), "the acknowledgement is not kept");
    }

    @Test
    void aChangeBeforeTheEndOfAKeptMessageSplitsItAllAfresh() {
        String text = "Scene one shows the harbour. Scene two shows the boats.";
        ReplyLayout kept = ReplyLayout.of(2000).keepingLast(text, "Scene one shows the harbour.");
        assertSame(kept, kept.following(text + " Scene three shows the market."), "text added after the end");
        ReplyLayout afresh = kept.following("Scene 1 shows the harbour. Scene two shows the boats.");
        assertEquals(0, afresh.kept());
        assertEquals(1, afresh.parts(streaming("Scene 1 shows the harbour.", null)).size());
    }

    @Test
    void messagesPostedAgainAreSplitAfreshAndTooLongShortensTheLimit() {
        String text = "alpha beta gamma delta epsilon zeta eta theta";
        ReplyLayout two = ReplyLayout.of(2000).keepingLast(text, "alpha beta").keepingLast(text, "gamma delta");
        assertEquals(2, two.kept());
        ReplyLayout one = two.keepingFirst(1);
        assertEquals(1, one.kept());
        assertEquals(List.of("alpha beta", "gamma delta epsilon zeta eta theta"), texts(one.parts(streaming(text, null))));
        assertSame(two, two.keepingFirst(5));
        ReplyLayout shorter = two.shorter();
        assertEquals(1500, shorter.limit());
        assertEquals(0, shorter.kept(), "split afresh at the new limit");
        assertEquals(200, ReplyLayout.of(220).shorter().limit(), "never below 200");
    }
}
