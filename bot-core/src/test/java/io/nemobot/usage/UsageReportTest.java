package io.nemobot.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nemobot.chat.Author;
import io.nemobot.chat.IncomingMessage;
import io.nemobot.chat.ThreadKey;
import io.nemobot.core.BotCore;
import io.nemobot.simulator.NemoSimulator;
import io.nemobot.simulator.Turn;
import io.nemobot.store.UsageTotal;
import io.nemobot.testing.CoreTime;
import io.nemobot.testing.RecordingPlatform;
import io.nemobot.testing.TestCores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real chat turns against a simulator that charges for them, then the operator's usage report. The core
 * runs on a manual {@link CoreTime} (a Monday morning that moves only while the test waits), so "today"
 * and "this week" are the same days on every run, whenever it runs.
 */
class UsageReportTest {
    private static final ThreadKey ANA_THREAD = new ThreadKey("slack", "T1", "C1", "1.1");
    private static final ThreadKey BO_THREAD = new ThreadKey("slack", "T1", "C2", "2.2");
    private static final ThreadKey ELSEWHERE = new ThreadKey("slack", "T9", "C1", "3.3");
    private static final Author ANA = Author.human("U1", "Ana");
    private static final Author BO = Author.human("U2", "Bo");

    @TempDir
    Path data;
    final CoreTime time = new CoreTime();
    NemoSimulator sim;
    BotCore core;
    RecordingPlatform platform = RecordingPlatform.fast("slack");
    int events;
    int chats;

    @BeforeEach
    void start() {
        sim = NemoSimulator.start();
        sim.setCredits(1000, 0, 1000);
        sim.setCreditsPerTurn(50);
        core = time.drive(TestCores.builder(sim.baseUrl(), data, Map.of())).build();
        core.register(platform);
        core.start();
    }

    @AfterEach
    void stop() {
        core.close();
        sim.close();
    }

    private void chat(ThreadKey thread, Author who, String answer) {
        sim.enqueueTurn(Turn.agent().text(answer));
        core.conversations().accept(new IncomingMessage(thread, who, "please " + answer, List.of(), Optional.empty(),
                "e" + (++events), time.clock().instant()), platform.thread(thread));
        time.await(() -> platform.transcript(thread).contains(answer), () -> platform.transcript(thread));
        // One turn at a time: turns that overlap on the one account share what it spent while they ran.
        int turns = ++chats;
        time.await(() -> recordedTurns() == turns && core.service().activeThreads() == 0,
                () -> recordedTurns() + " turns recorded, " + core.service().activeThreads() + " threads busy");
    }

    private int recordedTurns() {
        return java.util.stream.Stream.of("T1", "T9").flatMap(w -> core.store().usage("slack", w, Instant.EPOCH).stream())
                .mapToInt(UsageTotal::turns).sum();
    }

    private List<UsageTotal> recorded(String workspace, int turns) {
        time.await(() -> core.store().usage("slack", workspace, Instant.EPOCH).stream().mapToInt(UsageTotal::turns).sum()
                == turns, () -> core.store().usage("slack", workspace, Instant.EPOCH).toString());
        return core.store().usage("slack", workspace, Instant.EPOCH);
    }

    @Test
    void everyChatTurnRecordsWhatItCostAndAnAdminSeesItPerUserAndChannel() {
        chat(ANA_THREAD, ANA, "first cut");
        chat(ANA_THREAD, ANA, "second cut");
        chat(BO_THREAD, BO, "a title card");
        chat(ELSEWHERE, ANA, "another workspace");
        assertEquals(List.of(new UsageTotal("C1", "U1", "Ana", 2, 100), new UsageTotal("C2", "U2", "Bo", 1, 50)),
                recorded("T1", 3));

        String report = core.conversations().usage(ANA_THREAD, ANA.withAdmin(true), Optional.empty());
        assertTrue(report.contains("Today: 3 turns · 150 credits"), report);
        assertTrue(report.contains("This week: 3 turns · 150 credits"), report);
        assertTrue(report.contains("• Ana: 2 turns, 100 credits · 2 turns, 100 credits"), report);
        assertTrue(report.contains("• Bo: 1 turns, 50 credits · 1 turns, 50 credits"), report);
        assertTrue(report.contains("• <#C1>: 2 turns, 100 credits"), report);
        assertFalse(report.contains("another"), "other workspaces stay out");
    }

    @Test
    void someoneWhoIsNotAnAdminIsToldPlainlyInTheirLanguage() {
        chat(ANA_THREAD, ANA, "first cut");
        String answer = core.conversations().usage(ANA_THREAD, BO, Optional.empty());
        assertTrue(answer.startsWith("🔒 Usage is for workspace admins"), answer);
        assertFalse(answer.contains("credits"), answer);
        String chinese = core.conversations().usage(ELSEWHERE, BO, Optional.of(java.util.Locale.CHINESE));
        assertTrue(chinese.contains("管理员"), chinese);
    }

    @Test
    void typingUsageInAThreadAnswersThereAndAPromptMentioningItIsStillAPrompt() {
        chat(ANA_THREAD, ANA, "first cut");
        core.conversations().accept(new IncomingMessage(ANA_THREAD, ANA.withAdmin(true), "usage", List.of(),
                Optional.empty(), "e-usage", time.clock().instant()), platform.thread(ANA_THREAD));
        time.await(() -> platform.transcript(ANA_THREAD).contains("Usage in this workspace")
                && core.service().activeThreads() == 0, () -> platform.transcript(ANA_THREAD));
        chat(ANA_THREAD, ANA, "usage of drones in farming");
        assertEquals(2, sim.chatMessages().size(), "only the two prompts reached the backend");
    }
}
