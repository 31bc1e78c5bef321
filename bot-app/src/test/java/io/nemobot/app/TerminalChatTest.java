package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.words.Messages;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.testing.TestCores;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminal mode with the real core and the simulator: a generation, then {@code status} and
 * {@code credits} typed one after the other. Whenever the bot's output reaches the terminal (each
 * flush) it ends its line, so what the user types is never glued to it, and no markdown shows raw.
 */
class TerminalChatTest {
    @TempDir
    Path data;

    /** Standard output as the user sees it, one snapshot per flush. */
    private static final class Terminal extends ByteArrayOutputStream {
        final List<String> flushed = new ArrayList<>();

        @Override
        public synchronized void flush() {
            flushed.add(toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void statusThenCreditsPrintWholeLinesWithoutRawMarkdown() throws Exception {
        Terminal terminal = new Terminal();
        chat(terminal, Map.of(), "make a 10-second video of a city at night\nstatus\ncredits\nquit\n", core -> { });
        String shown = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("Timeline (3 tracks):"), shown);
        assertTrue(shown.contains("Credits: 100 available"), shown);
        assertTrue(shown.contains("export renders the MP4"), "the greeting's markdown is rendered: " + shown);
        assertFalse(shown.contains("**"), "no raw markdown: " + shown);
        for (String snapshot : terminal.flushed) {
            assertTrue(snapshot.isEmpty() || snapshot.endsWith("\n"), "printed without ending its line: [" + snapshot + "]");
        }
        assertEquals(terminal.flushed.get(terminal.flushed.size() - 1), shown);
    }

    @Test
    void quittingRightAfterExportLeavesOnlyOnceTheLinkIsShown() throws Exception {
        Terminal terminal = new Terminal();
        chat(terminal, Map.of("NEMO_RENDER_POLL_INTERVAL", "50ms"), "make a 10-second video of a city at night\nexport\nquit\n",
                core -> {
                    assertEquals(0, core.service().activeRenders(), "the render ended before the terminal left");
                    String shown = terminal.toString(StandardCharsets.UTF_8);
                    assertTrue(shown.contains(".mp4"), "the link is on the screen when the terminal leaves: " + shown);
                });
    }

    /** Types {@code input} into terminal mode over the real core and the simulator; {@code afterQuit} sees the core still open. */
    private void chat(Terminal terminal, Map<String, String> settings, String input,
            java.util.function.Consumer<BotCore> afterQuit) throws Exception {
        PrintStream out = new PrintStream(terminal, false, StandardCharsets.UTF_8);
        try (NemoSimulator sim = NemoSimulator.start()) {
            sim.setDemoPace(Duration.ofMillis(5));
            try (BotCore core = TestCores.core(sim.baseUrl(), data, settings)) {
                TerminalStyle style = new TerminalStyle(false);
                Messages words = Messages.of("en");
                TerminalPlatform platform = new TerminalPlatform(out, new TerminalScreen(style, words));
                core.register(platform);
                core.start();
                String greeting = core.conversations().help(TerminalPlatform.THREAD, Optional.empty());
                new TerminalChat(core.service(), platform.thread(TerminalPlatform.THREAD), out, style, words)
                        .run(new BufferedReader(new StringReader(input)), greeting);
                afterQuit.accept(core);
            }
        }
    }
}
