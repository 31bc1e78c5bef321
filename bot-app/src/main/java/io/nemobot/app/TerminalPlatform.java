package io.nemobot.app;

import io.nemobot.chat.Author;
import io.nemobot.chat.ChatPlatform;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.chat.PlatformProfile;
import io.nemobot.chat.ThreadKey;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The terminal as a chat platform: one thread, printed to standard output. What to print is the
 * {@link TerminalScreen}'s decision; this class makes the calls. Every message is finished
 * ({@link ChatThread#finishRequired()}), so the screen always learns when a message is whole.
 */
final class TerminalPlatform implements ChatPlatform {
    static final ThreadKey THREAD = new ThreadKey("terminal", "-", "local", "main");

    private final PrintStream out;
    private final TerminalScreen screen;
    private final AtomicInteger ids = new AtomicInteger();

    TerminalPlatform(PrintStream out, TerminalScreen screen) {
        this.out = out;
        this.screen = screen;
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
                show(id, message, true);
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
            public boolean finishRequired() {
                return true;
            }

            @Override
            public String mention(Author author) {
                return "";
            }
        };
    }

    /** Decides and prints in one step, so that calls from several core threads print in the order decided. */
    private synchronized void show(String id, OutgoingMessage message, boolean complete) {
        String text = screen.show(id, message, complete);
        if (!text.isEmpty()) {
            out.print(text);
            out.flush();
        }
    }
}
