package io.nemobot.app;

import io.nemobot.chat.Action;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The terminal as a chat platform: one thread; a live message is printed as it grows (only the new
 * text), its progress line on a line of its own when it changes, and its buttons as the words to
 * type.
 */
final class TerminalPlatform implements ChatPlatform {
    static final ThreadKey THREAD = new ThreadKey("terminal", "-", "local", "main");
    private static final String PROGRESS = "\n\n⏳";

    private final PrintStream out;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, String> printed = new HashMap<>();
    private final Map<String, String> progress = new HashMap<>();
    private String current;
    private boolean midLine;

    TerminalPlatform(PrintStream out) {
        this.out = out;
    }

    @Override
    public PlatformProfile profile() {
        return new PlatformProfile("terminal", 100_000, Duration.ofMillis(100), List.of());
    }

    @Override
    public ChatThread thread(ThreadKey key) {
        return new ChatThread() {
            @Override
            public ThreadKey key() {
                return key;
            }

            @Override
            public MessageHandle post(OutgoingMessage message) {
                String id = "t" + ids.incrementAndGet();
                show(id, message, false);
                return new MessageHandle(id);
            }

            @Override
            public void edit(MessageHandle message, OutgoingMessage content) {
                show(message.id(), content, false);
            }

            @Override
            public void finish(MessageHandle message, OutgoingMessage content) {
                show(message.id(), content, true);
            }

            @Override
            public String mention(Author author) {
                return "";
            }
        };
    }

    private synchronized void show(String id, OutgoingMessage message, boolean done) {
        String text = message.text().replace("**", "");
        String line = null;
        int at = text.lastIndexOf(PROGRESS);
        if (at >= 0 && text.indexOf('\n', at + 2) < 0) {
            line = text.substring(at + 2);
            text = text.substring(0, at);
        } else if (text.startsWith("⏳") && !text.contains("\n")) {
            line = text;
            text = "";
        }
        String before = printed.getOrDefault(id, "");
        if (!text.isEmpty() && !text.equals(before)) {
            if (!before.isEmpty() && text.startsWith(before)) {
                String delta = text.substring(before.length());
                print(id.equals(current) ? delta : block("nemo> …" + delta));
            } else {
                print(block("nemo> " + text));
            }
            current = id;
            printed.put(id, text);
        }
        if (line != null && !line.equals(progress.get(id))) {
            progress.put(id, line);
            print(block("      " + line));
            current = null;
        }
        if (!message.actions().isEmpty() && done) {
            print(block("      (" + message.actions().stream().map(TerminalPlatform::word).collect(Collectors.joining(" · ")) + ")"));
            current = null;
        }
        if (done && midLine) {
            print("\n");
            current = null;
        }
        out.flush();
    }

    private String block(String text) {
        return midLine ? "\n" + text : text;
    }

    private void print(String text) {
        out.print(text);
        if (!text.isEmpty()) {
            midLine = !text.endsWith("\n");
        }
    }

    private static String word(Action action) {
        return switch (action) {
            case EXPORT -> "say: export";
            case TIMELINE -> "say: status";
            case CREDITS -> "say: credits";
            case RETRY -> "say: retry";
        };
    }
}
