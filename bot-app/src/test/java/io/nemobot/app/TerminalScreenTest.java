package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Action;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.words.Messages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the terminal prints for the core's calls: every print ends its line, so whatever the user
 * types next starts on a line of its own; live text shows a whole line at a time.
 */
class TerminalScreenTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ChatThread chat = new TerminalPlatform(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new TerminalScreen(new TerminalStyle(false), Messages.of("en"))).thread(TerminalPlatform.THREAD);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void assertLineEnded(String after) {
        assertTrue(output().endsWith("\n"), "after " + after + " the output must end its line: [" + output() + "]");
    }

    @Test
    void aReplyEndsItsLineAsSoonAsItIsPostedSoTypingStartsOnANewLine() {
        MessageHandle status = chat.post(new OutgoingMessage("Timeline (3 tracks):\n1. Video: city timelapse (0-10s)\n"
                + "3. Title: \"Urban Dreams\" (0-3s)", List.of(Action.EXPORT)));
        assertLineEnded("the status reply");
        chat.finish(status, new OutgoingMessage("Timeline (3 tracks):\n1. Video: city timelapse (0-10s)\n"
                + "3. Title: \"Urban Dreams\" (0-3s)", List.of(Action.EXPORT)));
        assertLineEnded("its buttons");
        MessageHandle credits = chat.post(OutgoingMessage.of("💳 Credits: **100** available"));
        chat.finish(credits, OutgoingMessage.of("💳 Credits: **100** available"));
        assertLineEnded("the credits reply");

        assertEquals("""
                nemo> Timeline (3 tracks):
                1. Video: city timelapse (0-10s)
                3. Title: "Urban Dreams" (0-3s)
                      (say: export)
                nemo> 💳 Credits: 100 available
                """, output());
    }

    @Test
    void liveTextShowsWholeLinesAndItsProgressOnALineOfItsOwn() {
        MessageHandle live = chat.post(OutgoingMessage.of("🎬 On it…\n\n⏳ Thinking · 0s"));
        assertLineEnded("the first post");
        chat.edit(live, OutgoingMessage.of("I added a **title** card and lo-fi mu\n\n⏳ Thinking · 2s"));
        assertLineEnded("a line still being written");
        chat.edit(live, OutgoingMessage.of("I added a **title** card and lo-fi music.\nThe cut is 10 s lo\n\n⏳ Editing · 4s"));
        assertLineEnded("a whole line and a partial one");
        chat.finish(live, new OutgoingMessage("I added a **title** card and lo-fi music.\nThe cut is 10 s long.",
                List.of(Action.EXPORT, Action.CREDITS)));
        assertLineEnded("the last edit");

        assertEquals("""
                nemo> 🎬 On it…
                      ⏳ Thinking · 0s
                      ⏳ Thinking · 2s
                nemo> I added a title card and lo-fi music.
                      ⏳ Editing · 4s
                nemo> …The cut is 10 s long.
                      (say: export · say: credits)
                """, output());
    }

    @Test
    void aLineCutWhenPostedGoesOnMarkedAsAContinuation() {
        MessageHandle live = chat.post(OutgoingMessage.of("Generating your"));
        chat.edit(live, OutgoingMessage.of("Generating your video now.\nIt takes"));
        chat.finish(live, OutgoingMessage.of("Generating your video now.\nIt takes 2 minutes."));
        assertLineEnded("the last edit");
        assertEquals("""
                nemo> Generating your
                … video now.
                It takes 2 minutes.
                """, output());
    }

    @Test
    void buttonsAreTheWordsToTypeInTheUsersLanguage() {
        ChatThread chinese = new TerminalPlatform(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new TerminalScreen(new TerminalStyle(false), Messages.of("zh"))).thread(TerminalPlatform.THREAD);
        MessageHandle done = chinese.post(new OutgoingMessage("✅ 渲染完成。", List.of(Action.EXPORT, Action.TIMELINE)));
        chinese.finish(done, new OutgoingMessage("✅ 渲染完成。", List.of(Action.EXPORT, Action.TIMELINE)));
        assertEquals("nemo> ✅ 渲染完成。\n      (发送：导出 · 发送：状态)\n", output());
    }
}
