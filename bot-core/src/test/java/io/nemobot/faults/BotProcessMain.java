package io.nemobot.faults;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A bot in its own process, for {@link KillTest}: the core against the simulator at {@code args[0]}
 * with its store in {@code args[1]}; each stdin line is a message in one thread; every platform call
 * is printed so the parent sees progress before it kills this process.
 */
public final class BotProcessMain {
    static final ThreadKey THREAD = new ThreadKey("test", "W1", "C1", "T-killed");

    private BotProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        BotCore core = TestCores.core(args[0], Path.of(args[1]), Map.of("NEMO_RENDER_POLL_INTERVAL", "1h"));
        RecordingPlatform platform = RecordingPlatform.fast("test");
        core.register(platform);
        core.start();
        platform.onCall(c -> {
            System.out.println(c.kind() + " " + c.messageId() + " " + c.content().text().replace('\n', ' '));
            System.out.flush();
        });
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            core.conversations().accept(IncomingMessage.text(THREAD, Author.human("U1", "Ana"), line,
                    UUID.randomUUID().toString()), platform.thread(THREAD));
        }
        new java.util.concurrent.CountDownLatch(1).await();
    }

}
