package io.nemobot.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nemobot.chat.Author;
import io.nemobot.chat.Command;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slash commands' words ({@code /nemo 积分}) go through the keyword table, like typed ones. */
class CommandWordsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ThreadKey THREAD = new ThreadKey("test", "W1", "C1", "T1");
    private static final Author ANA = Author.human("U1", "Ana");

    @TempDir
    Path data;

    @Test
    void slashCommandWordsNameCommandsInEitherLanguageAndAClaimedThreadAnswersInTheirLanguage() {
        try (NemoSimulator sim = NemoSimulator.start();
                BotCore core = TestCores.core(sim.baseUrl(), data, Map.of())) {
            RecordingPlatform platform = RecordingPlatform.fast("test");
            core.register(platform);
            core.start();
            sim.setCredits(42, 8, 50);

            assertEquals(Optional.of(Command.CREDITS), core.conversations().command("积分"));
            assertEquals(Optional.of(Command.STATUS), core.conversations().command("状态"));
            assertEquals(Optional.of(Command.HELP), core.conversations().command("Help!"));
            assertEquals(Optional.of(Command.EXPORT), core.conversations().command("send me the video"));
            assertEquals(Optional.empty(), core.conversations().command("a timeline of Rome"));
            assertEquals(Optional.empty(), core.conversations().command("make"), "a chat word is no command");

            core.conversations().claim(THREAD);
            core.conversations().accept(IncomingMessage.text(THREAD, ANA, "积分", "m-1"), platform.thread(THREAD));
            Await.until(() -> platform.transcript(THREAD).contains("可用 **42**"), WAIT,
                    () -> platform.transcript(THREAD));
        }
    }
}
