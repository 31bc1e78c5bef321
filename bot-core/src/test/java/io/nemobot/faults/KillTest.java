package io.nemobot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.OutgoingMessage;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.Endpoint;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.RenderScript;
import io.nemobot.simulator.RenderStep;
import io.nemobot.simulator.Turn;
import io.nemobot.store.SqliteStore;
import io.nemobot.testing.Await;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot process killed with SIGKILL during a stream and during a render, then restarted on the same store. */
class KillTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path data;
    NemoSimulator sim;
    Process bot;
    final StringBuffer out = new StringBuffer();

    @BeforeEach
    void start() throws IOException {
        sim = NemoSimulator.start();
        sim.setDemoPace(Duration.ofMillis(5));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        bot = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BotProcessMain.class.getName(),
                sim.baseUrl(), data.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process was killed: its output ends here
            }
        });
        reader.setDaemon(true);
        reader.start();
        Await.until(() -> out.indexOf("ready") >= 0, WAIT, out::toString);
    }

    @AfterEach
    void stop() {
        bot.destroyForcibly();
        sim.releaseHangs();
        sim.close();
    }

    private void send(String line) throws IOException {
        Writer w = new OutputStreamWriter(bot.getOutputStream(), StandardCharsets.UTF_8);
        w.write(line + "\n");
        w.flush();
    }

    /**
     * Asks the bot what its store has committed until the answer satisfies {@code expected}: the store
     * writes behind the platform calls, so what the output shows may not be committed yet.
     */
    private void awaitStored(java.util.function.Predicate<String> expected) {
        String[] last = {""};
        Await.until(() -> {
            int from = out.length();
            try {
                send(BotProcessMain.ASK_STORE);
            } catch (IOException e) {
                throw new AssertionError("the bot process is gone: " + out, e);
            }
            Await.until(() -> answerAfter(from) != null, WAIT, out::toString);
            last[0] = answerAfter(from);
            return expected.test(last[0]);
        }, WAIT, () -> "the store holds " + last[0]);
    }

    private String answerAfter(int from) {
        int at = out.indexOf(BotProcessMain.STORED, from);
        int end = at < 0 ? -1 : out.indexOf("\n", at);
        return end < 0 ? null : out.substring(at, end);
    }

    private void kill() throws InterruptedException {
        bot.destroyForcibly();
        assertTrue(bot.waitFor(10, TimeUnit.SECONDS));
    }

    private BotCore restart(RecordingPlatform platform) {
        BotCore core = TestCores.core(sim.baseUrl(), data, Map.of("NEMO_MENTION_AFTER", "0s"));
        core.register(platform);
        core.start();
        return core;
    }

    @Test
    void killedDuringARenderTheRestartedBotStillPostsTheLinkOnce() throws Exception {
        send("make a video");
        Await.until(() -> out.indexOf("Say export") >= 0, WAIT, out::toString);
        sim.setRenderScript(RenderScript.steps(RenderStep.processing(20), RenderStep.processing(70),
                RenderStep.completed("https://cdn.example/after-kill.mp4")));
        send("export");
        sim.awaitRequests(Endpoint.RENDER_POLL, 1, WAIT);
        Await.until(() -> out.indexOf("Rendering") >= 0, WAIT, out::toString);
        awaitStored(stored -> stored.endsWith("renders=1")); // the render in flight is committed
        kill();
        RecordingPlatform platform = RecordingPlatform.fast("test");
        try (BotCore core = restart(platform)) {
            Await.until(() -> platform.transcript(BotProcessMain.THREAD).contains("https://cdn.example/after-kill.mp4"),
                    WAIT, () -> platform.transcript(BotProcessMain.THREAD));
            assertEquals(1, sim.renderIds().size(), "the render was not submitted twice");
            sim.enqueueTurn(Turn.agent().finalText("Same session."));
            core.conversations().accept(io.nemobot.chat.IncomingMessage.text(BotProcessMain.THREAD,
                    io.nemobot.chat.Author.human("U1", "Ana"), "and now?", "after"), platform.thread(BotProcessMain.THREAD));
            Await.until(() -> platform.transcript(BotProcessMain.THREAD).contains("Same session."), WAIT,
                    () -> platform.transcript(BotProcessMain.THREAD));
            assertEquals(1, sim.sessionsCreated(), "the thread still maps to its session");
            assertEquals(2, sim.chatMessages().size(), "nothing was sent twice");
        }
    }

    @Test
    void killedDuringAStreamTheRestartedBotMendsTheInterruptedMessageAndDoesNotResend() throws Exception {
        sim.enqueueTurn(Turn.agent().text("Storyboarding the scenes").toolCall("generate_video").hang());
        send("make a long video");
        Await.until(() -> out.indexOf("⏳") >= 0, WAIT, out::toString);
        // The acknowledgement can show before the chat request reaches the backend: kill mid-stream, not before it.
        sim.awaitChatMessages(1, WAIT);
        String posted = shownBeforeTheKill().keySet().iterator().next();
        awaitStored(stored -> stored.startsWith(BotProcessMain.STORED + "[" + posted + "]")); // the reply's id is committed
        kill();
        Map<String, OutgoingMessage> shown = shownBeforeTheKill();
        String reply = shown.keySet().iterator().next();
        try (SqliteStore store = SqliteStore.open(data)) {
            assertEquals(reply, store.openTurns().get(0).message(), "the stored id is the posted message's");
        }
        RecordingPlatform platform = RecordingPlatform.fast("test");
        shown.forEach((id, content) -> platform.existing(BotProcessMain.THREAD, id, content));
        try (BotCore core = restart(platform)) {
            Await.until(() -> platform.message(reply).text().contains("I restarted while working on this"),
                    WAIT, () -> platform.transcript(BotProcessMain.THREAD));
            assertEquals(List.of(), platform.posted(BotProcessMain.THREAD), "the interrupted message was mended, none posted");
            for (OutgoingMessage m : platform.messages(BotProcessMain.THREAD)) {
                assertFalse(m.text().contains("⏳") || m.text().contains("On it"), platform.transcript(BotProcessMain.THREAD));
            }
            assertEquals(1, sim.requests(Endpoint.CHAT).size(), "the message was not sent again");
            // The record goes once the explanation has landed (just after the edit returns).
            Await.until(() -> core.store().openTurns().isEmpty(), WAIT, () -> "still open: " + core.store().openTurns());
        }
    }

    /** What each message the killed bot posted showed last, in posting order, from the calls it printed. */
    private Map<String, OutgoingMessage> shownBeforeTheKill() {
        Map<String, OutgoingMessage> shown = new LinkedHashMap<>();
        Matcher call = Pattern.compile("^(post|edit|finish) (m\\d+) (.*)$", Pattern.MULTILINE).matcher(out);
        while (call.find()) {
            shown.put(call.group(2), OutgoingMessage.of(BotProcessMain.unescape(call.group(3))));
        }
        assertFalse(shown.isEmpty(), "no call seen: " + out);
        return shown;
    }
}
