package io.nemobot.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a reply's caller wants shown, on plain values. */
class WantedReplyTest {
    @Test
    void theAcknowledgementStandsInUntilThereIsText() {
        WantedReply wanted = new WantedReply();
        wanted.acknowledge("🎬 On it…");
        assertEquals(new ReplyContent("🎬 On it…", true, null, false, List.of()), wanted.content());
        assertTrue(wanted.text("Scene one"));
        assertEquals(new ReplyContent("Scene one", false, null, false, List.of()), wanted.content());
        assertFalse(wanted.text("Scene one"), "the same text changes nothing");
    }

    @Test
    void onAnAppendOnlyPlatformNeitherTheAcknowledgementsWordsNorTheProgressLineGoIntoTheText() {
        WantedReply wanted = new WantedReply(true);
        assertTrue(wanted.acknowledge("🎬 On it…"));
        assertEquals(new ReplyContent("", true, null, false, List.of()), wanted.content(),
                "the first message starts empty: nothing in it must be taken out again");
        assertFalse(wanted.progress("🛠 Editing · 4s"), "the progress line stays out of the text");
        assertTrue(wanted.text("Scene one"));
        assertEquals(new ReplyContent("Scene one", false, null, false, List.of()), wanted.content());
        assertTrue(wanted.text("Scene one, then two"));
        assertEquals(new ReplyContent("Scene one, then two", false, null, false, List.of()), wanted.content());
    }

    @Test
    void theTextSourceIsReadOncePerContent() {
        WantedReply wanted = new WantedReply();
        AtomicInteger reads = new AtomicInteger();
        wanted.text(() -> "read " + reads.incrementAndGet());
        assertEquals(0, reads.get(), "nothing built per chunk");
        assertEquals("read 1", wanted.content().text());
        assertEquals("read 2", wanted.content().text());
    }

    @Test
    void theFinalTextTakesTheLineOffAndNothingChangesAfterIt() {
        WantedReply wanted = new WantedReply();
        wanted.text("Working");
        assertTrue(wanted.progress("⏳ Thinking"));
        assertFalse(wanted.progress("⏳ Thinking"));
        assertTrue(wanted.finish("Done.", List.of(Action.EXPORT), 42));
        assertFalse(wanted.text("late chunk"));
        assertFalse(wanted.text(() -> "late source"));
        assertFalse(wanted.progress("⏳ late"));
        assertEquals(new ReplyContent("Done.", false, null, true, List.of(Action.EXPORT)), wanted.content());
        assertEquals(42, wanted.finalAt());
    }

    @Test
    void hurryingMattersOnceAndOnlyForAFinalText() {
        WantedReply streaming = new WantedReply();
        assertFalse(streaming.hurry(), "not final yet: it goes ahead once it is");
        streaming.finish("Done.", List.of(), 0);
        assertTrue(streaming.hurriedFinal());
        WantedReply done = new WantedReply();
        done.finish("Done.", List.of(), 0);
        assertFalse(done.hurriedFinal());
        assertTrue(done.hurry());
        assertFalse(done.hurry(), "asked once");
    }
}
