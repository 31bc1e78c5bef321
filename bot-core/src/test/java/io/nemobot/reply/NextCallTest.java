package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which platform call a reply needs next, decided on plain values. */
class NextCallTest {
    private static final String LINE = "⏳ Generating video · 40s";

    /** Reply text still streaming, with a progress line under it or none. */
    private static ReplyContent streaming(String text, String footer) {
        return new ReplyContent(text, false, footer, false, List.of());
    }

    private static PostedMessage showing(String id, String shown, String text) {
        return new PostedMessage(new MessageHandle(id), OutgoingMessage.of(shown), text, false);
    }

    private static String words(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i <= to; i++) {
            s.append("word").append(i).append(' ');
        }
        return s.toString().strip();
    }

    private static NextCall decide(ReplyContent content, List<PostedMessage> posted) {
        return NextCall.decide(ReplyLayout.of(500), content, posted, false);
    }

    @Test
    void theFirstCallPostsTheAcknowledgement() {
        ReplyCall call = decide(new ReplyContent("🎬 On it…", true, null, false, List.of()), List.of()).call();
        assertEquals(ReplyCall.Kind.POST, call.kind());
        assertEquals("🎬 On it…", call.content().text());
        assertEquals(List.of(), call.settled(), "no message before it");
    }

    @Test
    void newTextIsAnEditAReaderWaitsForAndAProgressLineAloneIsNot() {
        List<PostedMessage> posted = List.of(showing("m1", "Scene one", "Scene one"));
        ReplyCall text = decide(streaming("Scene one, scene two", null), posted).call();
        assertEquals(ReplyCall.Kind.EDIT, text.kind());
        assertTrue(text.text());
        ReplyCall line = decide(streaming("Scene one", LINE), posted).call();
        assertEquals(ReplyCall.Kind.EDIT, line.kind());
        assertFalse(line.text(), "only the progress line changes");
        assertEquals("Scene one\n\n" + LINE, line.content().text());
        assertNull(decide(streaming("Scene one", null), posted).call(), "all is shown");
    }

    @Test
    void textOutgrowingTheMessageGoesOutInOneNewMessageBeforeTheFullOneLosesItsLine() {
        String shownText = words(1, 40);
        List<PostedMessage> posted = new ArrayList<>(List.of(showing("m1", shownText + "\n\n" + LINE, shownText)));
        String text = words(1, 90);
        NextCall next = decide(streaming(text, null), posted);
        assertEquals(ReplyCall.Kind.POST, next.call().kind());
        assertEquals(1, next.call().index());
        assertEquals(words(41, 90), next.call().content().text(), "all the new text in one call");
        assertEquals(1, next.layout().kept(), "the full message keeps its text");
        assertEquals(List.of(shownText), next.call().settled(), "the post names the text the full one keeps");
        posted.add(PostedMessage.posted(new MessageHandle("m2"), next.call().part()));
        ReplyCall after = NextCall.decide(next.layout(), streaming(text, null), posted, false).call();
        assertEquals(ReplyCall.Kind.FINISH, after.kind(), "its text will not change again");
        assertEquals(0, after.index());
        assertEquals(shownText, after.content().text(), "then the full message loses its progress line");
        assertFalse(after.text(), "which nobody waits to read");
    }

    @Test
    void theFinalTextFinishesEachMessageAndEmptiesTheOnesItNoLongerNeeds() {
        List<PostedMessage> posted = new ArrayList<>(List.of(showing("m1", "Part one", "Part one"),
                showing("m2", "Part two", "Part two"), showing("m3", "Part three\n\n" + LINE, "Part three")));
        ReplyContent end = new ReplyContent("Sorry, that went wrong.", false, null, true, List.of(Action.RETRY));
        ReplyLayout layout = ReplyLayout.of(500);
        List<String> calls = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            NextCall next = NextCall.decide(layout, end, posted, false);
            layout = next.layout();
            if (next.call() == null) {
                break;
            }
            ReplyCall call = next.call();
            calls.add(call.kind() + " " + call.index() + " " + call.content().text());
            posted.set(call.index(), posted.get(call.index()).after(call));
        }
        assertEquals(List.of("FINISH 0 Sorry, that went wrong.", "FINISH 1 …", "FINISH 2 …"), calls);
        assertEquals(List.of(Action.RETRY), posted.get(0).shown().actions());
    }

    @Test
    void aPlatformWithStreamsToCloseIsFinishedEvenWhenNothingChanged() {
        List<PostedMessage> posted = List.of(showing("m1", "Done.", "Done."));
        ReplyContent end = new ReplyContent("Done.", false, null, true, List.of());
        assertNull(NextCall.decide(ReplyLayout.of(500), end, posted, false).call());
        ReplyCall close = NextCall.decide(ReplyLayout.of(500), end, posted, true).call();
        assertEquals(ReplyCall.Kind.FINISH, close.kind());
        assertNull(NextCall.decide(ReplyLayout.of(500), end, List.of(posted.get(0).after(close)), true).call(), "finished once");
    }
}
