package io.nemobot.app;

import io.nemobot.chat.Action;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.words.Messages;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides what to print for each call the core makes on the terminal's one thread; printing is the
 * {@link TerminalPlatform}'s job. The rule that keeps typing readable: whatever is printed ends its
 * line, so text the user types never lands glued to the bot's last words. A live message is printed
 * as it grows, a whole line at a time (a line still being written waits for its end or for the
 * message's last edit); its progress line gets a line of its own when it changes, and its buttons
 * are shown as the words to type.
 */
final class TerminalScreen {
    private static final String PROMPT = "nemo> ";
    private static final String INDENT = "      ";
    private static final String PROGRESS = "\n\n⏳";
    /** Messages remembered, so that one still being edited is continued rather than printed again. */
    private static final int REMEMBERED = 64;

    private final TerminalStyle style;
    private final Messages words;
    private final Map<String, Shown> shown = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** The message whose text was printed last, when nothing was printed after it. */
    private String last;

    /** What of one message is on the screen: its text so far, its progress line, whether its buttons are. */
    private static final class Shown {
        String text = "";
        String progress;
        boolean actions;
    }

    TerminalScreen(TerminalStyle style, Messages words) {
        this.style = style;
        this.words = words;
    }

    /**
     * What to print for a message's new content: empty, or lines that end with a line break.
     *
     * @param complete whether the content is whole as it is (a new message, a last edit); an edit's
     *                 unfinished last line waits
     */
    synchronized String show(String id, OutgoingMessage message, boolean complete) {
        Shown before = shown.computeIfAbsent(id, k -> new Shown());
        String text = message.text();
        String progress = null;
        int at = text.lastIndexOf(PROGRESS);
        if (at >= 0 && text.indexOf('\n', at + 2) < 0) {
            progress = text.substring(at + 2);
            text = text.substring(0, at);
        } else if (text.startsWith("⏳") && !text.contains("\n")) {
            progress = text;
            text = "";
        }
        StringBuilder out = new StringBuilder();
        if (!text.isEmpty() && !text.equals(before.text)) {
            printText(id, before, text, complete, out);
        }
        if (progress != null && !progress.equals(before.progress)) {
            before.progress = progress;
            out.append(INDENT).append(style.render(progress)).append('\n');
            last = null;
        }
        if (complete && !message.actions().isEmpty() && !before.actions) {
            before.actions = true;
            out.append(INDENT).append('(').append(message.actions().stream().map(this::word)
                    .collect(Collectors.joining(" · "))).append(")\n");
            last = null;
        }
        return out.toString();
    }

    private void printText(String id, Shown before, String text, boolean complete, StringBuilder out) {
        if (before.text.startsWith(text)) {
            return; // all of it is on the screen already
        }
        boolean continues = !before.text.isEmpty() && text.startsWith(before.text);
        String fresh = continues ? text.substring(before.text.length()) : text;
        String ready = complete ? fresh : fresh.substring(0, fresh.lastIndexOf('\n') + 1);
        if (ready.isBlank()) {
            return;
        }
        String body = ready;
        boolean midLine = continues && !before.text.endsWith("\n");
        if (midLine && body.startsWith("\n")) {
            body = body.substring(1); // the cut line had ended after all
            midLine = false;
        }
        String head;
        if (!continues) {
            head = PROMPT;
        } else if (id.equals(last)) {
            head = midLine ? "…" : "";
        } else {
            head = PROMPT + "…"; // something else was printed since: say whose text goes on
        }
        String lines = style.render(body);
        out.append(head).append(lines);
        if (!lines.endsWith("\n")) {
            out.append('\n');
        }
        before.text = (continues ? before.text : "") + ready;
        last = id;
    }

    private String word(Action action) {
        return words.get("terminal.action." + action.name().toLowerCase(Locale.ROOT));
    }
}
