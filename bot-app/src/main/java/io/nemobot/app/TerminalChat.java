package io.nemobot.app;

import io.nemobot.chat.Action;
import io.nemobot.chat.ActionClick;
import io.nemobot.chat.Attachment;
import io.nemobot.chat.Author;
import io.nemobot.chat.ChatThread;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.conversation.ConversationService;
import io.nemobot.nemo.MediaCheck;
import io.nemobot.words.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Terminal mode: one conversation in this terminal. Each line is a message; {@code upload <path>}
 * (or a bare path to an existing file) sends a local file as an attachment; {@code retry} presses
 * the retry button; {@code quit} or end of input leaves once the work in flight is done. The greeting
 * and the hints are the core's words, shown in the terminal's {@link TerminalStyle}.
 */
final class TerminalChat {
    private final ConversationService core;
    private final ChatThread chat;
    private final PrintStream out;
    private final TerminalStyle style;
    private final Messages words;
    private final Author me = Author.human("local", System.getProperty("user.name", "you"));

    TerminalChat(ConversationService core, ChatThread chat, PrintStream out, TerminalStyle style, Messages words) {
        this.core = core;
        this.chat = chat;
        this.out = out;
        this.style = style;
        this.words = words;
    }

    void run(BufferedReader in, String greeting) throws IOException {
        out.println(style.render(greeting));
        out.println(style.render(words.get("terminal.intro")));
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.equalsIgnoreCase("quit") || text.equalsIgnoreCase("exit")) {
                break;
            }
            if (text.equalsIgnoreCase("retry") || text.equals("重试")) {
                core.click(new ActionClick(chat.key(), me, Action.RETRY, UUID.randomUUID().toString(), Instant.now()), chat);
                continue;
            }
            core.accept(message(text), chat);
        }
        awaitIdle(Duration.ofMinutes(20));
    }

    private IncomingMessage message(String text) {
        Optional<Path> file = fileIn(text);
        List<Attachment> attachments = file.map(p -> List.of(attachment(p))).orElse(List.of());
        String typed = file.isPresent() ? "" : text;
        return new IncomingMessage(chat.key(), me, typed, attachments, locale(), UUID.randomUUID().toString(),
                Instant.now());
    }

    /** The user's locale when it is Chinese; otherwise the language of what they type decides. */
    static Optional<Locale> locale() {
        return Optional.of(Locale.getDefault()).filter(l -> l.getLanguage().equals("zh"));
    }

    /** {@code upload <path>}, {@code /upload <path>}, or a bare path to an existing file. */
    static Optional<Path> fileIn(String text) {
        String candidate = text.replaceFirst("(?i)^/?(upload|上传)\\s+", "").strip();
        if (candidate.length() > 1 && (candidate.startsWith("\"") || candidate.startsWith("'"))) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.startsWith("~/")) {
            candidate = System.getProperty("user.home") + candidate.substring(1);
        }
        try {
            Path p = Path.of(candidate);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Attachment attachment(Path p) {
        long size;
        try {
            size = Files.size(p);
        } catch (IOException e) {
            size = -1;
        }
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        String type = MediaCheck.accepted(ext) ? MediaCheck.mimeType(ext) : "application/octet-stream";
        return new Attachment(name, size, type, () -> Files.newInputStream(p));
    }

    private void awaitIdle(Duration limit) {
        try {
            core.awaitIdle(limit); // work in flight on the core's threads (a turn, a render's link) finishes first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
