package io.nemobot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bold where the terminal can show it, plain text elsewhere, never raw asterisks. */
class TerminalStyleTest {
    private static final String SAY = "Say **export** to render it, or **status** to see the timeline.";

    @Test
    void anInteractiveColourTerminalShowsBold() {
        TerminalStyle style = TerminalStyle.detect(true, Map.of("TERM", "xterm-256color"));
        assertTrue(style.ansi());
        assertEquals("Say " + TerminalStyle.BOLD_ON + "export" + TerminalStyle.BOLD_OFF + " to render it, or "
                + TerminalStyle.BOLD_ON + "status" + TerminalStyle.BOLD_OFF + " to see the timeline.", style.render(SAY));
    }

    @Test
    void pipedDumbOrNoColourOutputIsPlain() {
        assertFalse(TerminalStyle.detect(false, Map.of("TERM", "xterm")).ansi(), "not a console: piped or redirected");
        assertFalse(TerminalStyle.detect(true, Map.of("TERM", "dumb")).ansi());
        assertFalse(TerminalStyle.detect(true, Map.of()).ansi(), "no TERM");
        assertFalse(TerminalStyle.detect(true, Map.of("TERM", "xterm", "NO_COLOR", "1")).ansi());
        assertTrue(TerminalStyle.detect(true, Map.of("TERM", "xterm", "NO_COLOR", "")).ansi(),
                "an empty NO_COLOR does not count (no-color.org)");
    }

    @Test
    void plainTextDropsTheMarkdownEvenWhenUnpaired() {
        TerminalStyle plain = new TerminalStyle(false);
        assertEquals("Say export to render it, or status to see the timeline.", plain.render(SAY));
        assertEquals("💳 Credits: 100 available", plain.render("💳 Credits: **100** available"));
        assertEquals("an unfinished bold", plain.render("an **unfinished bold"));
        assertEquals("2 * 3 = 6, $1 and \\ stay", plain.render("2 * 3 = 6, $1 and \\ stay"));
        assertFalse(new TerminalStyle(true).render("**a** and **b").contains("**"));
    }
}
