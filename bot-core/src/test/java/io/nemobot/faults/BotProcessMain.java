package io.nemobot.faults;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A bot in its own process, for {@link KillTest}: the core against the simulator at {@code args[0]}
 * with its store in {@code args[1]}; each stdin line is a message in one thread; every platform call
 * is printed ({@code kind id text}, line breaks and backslashes escaped) so the parent sees progress
 * before it kills this process, and knows what each message shows; {@link #ASK_STORE} tells it what the
 * store has committed, so it kills at a known point rather than racing the store's writer.
 */
public final class BotProcessMain {
    static final ThreadKey THREAD = new ThreadKey("test", "W1", "C1", "T-killed");
    /** A stdin line that is not a message: answered with one {@link #STORED} line saying what the store holds. */
    static final String ASK_STORE = "?store";
    /** Starts the answer to {@link #ASK_STORE}: the open turns' message ids, then {@code renders=} pending renders. */
    static final String STORED = "stored open=";

    private BotProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        BotCore core = TestCores.core(args[0], Path.of(args[1]), Map.of("NEMO_RENDER_POLL_INTERVAL", "1h"));
        RecordingPlatform platform = RecordingPlatform.fast("test");
        core.register(platform);
        core.start();
        // UTF-8 whatever the locale: the parent reads it so, and the texts have emoji.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        platform.onCall(c -> out.println(c.kind() + " " + c.messageId() + " " + escape(c.content().text())));
        out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(ASK_STORE)) { // the parent asks what is committed before it kills this process
                out.println(STORED + core.store().openTurns().stream().map(t -> String.valueOf(t.message())).toList()
                        + " renders=" + core.store().pendingRenders().size());
                continue;
            }
            core.conversations().accept(IncomingMessage.text(THREAD, Author.human("U1", "Ana"), line,
                    UUID.randomUUID().toString()), platform.thread(THREAD));
        }
        new java.util.concurrent.CountDownLatch(1).await();
    }

    /** The text on one line: {@code \\} for a backslash, {@code \n} for a line break. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String unescape(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                out.append(line.charAt(++i) == 'n' ? '\n' : line.charAt(i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
