package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The soak run's conversations: short turns of a few chunks, each in a new thread, derived from the
 * seed and the conversation's number alone. The driver and the simulator process both compute a
 * conversation when it is needed, so neither holds 20,000 scripts (the driver's heap is measured).
 */
public final class SoakPlan {
    /** What a soak conversation does. */
    public enum Kind {
        /** A few chunks of text. */
        TEXT,
        /** No text; the draft gets a title (the core reports the change). */
        SILENT,
        /** Two chunks, then the connection drops: the core checks the session, then offers a Retry. */
        CUT,
        /** Text and a video in the draft, then the user says "export": a render, polled to its link. */
        EXPORT
    }

    /**
     * One conversation.
     *
     * @param index    its number in the run
     * @param platform {@code discord} or {@code slack} (alternating)
     * @param thread   its own new thread
     * @param kind     what it does
     * @param agent    ADK agent event family (else the typed family)
     * @param steps    the stream's script
     * @param expected the reply text the user must end up seeing (TEXT, EXPORT; else null)
     * @param tokens   chunks (tokens) the stream carries
     * @param label    the title (SILENT) or clip name (EXPORT)
     */
    public record Conv(int index, String platform, ThreadKey thread, Kind kind, boolean agent, List<Plan.Step> steps,
            String expected, int tokens, String label) {
    }

    /** Slack conversations per workspace, as in the other runs. */
    static final int SLACK_PER_WORKSPACE = 10;

    private static final String[] WORDS = "the city lights glow over a quiet river while soft music drifts through warm evening air"
            .split(" ");

    private SoakPlan() {
    }

    public static Conv conversation(long seed, int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L ^ (index * 0xC2B2AE3D27D4EB4FL) ^ 0x5DEECE66DL);
        r.nextLong();
        double pick = r.nextDouble();
        Kind kind = index == 0 ? Kind.TEXT : pick < 0.80 ? Kind.TEXT : pick < 0.85 ? Kind.SILENT : pick < 0.93 ? Kind.CUT : Kind.EXPORT;
        boolean agent = kind != Kind.CUT && r.nextDouble() < 0.7;
        List<Plan.Step> steps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int chunks = switch (kind) {
            case TEXT -> 3 + r.nextInt(4);
            case CUT -> 2;
            case EXPORT -> 2 + r.nextInt(2);
            case SILENT -> 0;
        };
        String label = switch (kind) {
            case SILENT -> "Banner " + index;
            case EXPORT -> "clip " + index;
            default -> null;
        };
        if (kind == Kind.SILENT) {
            steps.add(new Plan.ToolCall("edit_timeline_title"));
            steps.add(new Plan.Pause(20 + r.nextInt(40)));
            steps.add(new Plan.Heartbeat());
            steps.add(new Plan.Draft(false, label));
            steps.add(new Plan.ToolResult("edit_timeline_title"));
        }
        if (kind == Kind.EXPORT) {
            steps.add(new Plan.ToolCall("generate_video_with_seedance"));
            steps.add(new Plan.Pause(20 + r.nextInt(40)));
            steps.add(new Plan.Draft(true, label));
            steps.add(new Plan.ToolResult("generate_video_with_seedance"));
        }
        for (int k = 0; k < chunks; k++) {
            steps.add(new Plan.Pause(20 + r.nextInt(41)));
            StringBuilder c = new StringBuilder(k == 0 ? "" : " ");
            for (int w = 1 + r.nextInt(3); w > 0; w--) {
                c.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            c.append(Plan.token(index, k));
            steps.add(new Plan.Chunk(c.toString()));
            text.append(c);
        }
        if (kind == Kind.CUT) {
            steps.add(new Plan.Pause(20));
            steps.add(new Plan.Cut());
        } else if (agent && chunks > 0) {
            steps.add(new Plan.Whole(text.toString())); // the agent family repeats the text as one event
        }
        String expected = kind == Kind.TEXT || kind == Kind.EXPORT ? text.toString().strip() : null;
        return new Conv(index, index % 2 == 0 ? "discord" : "slack", thread(index), kind, agent, List.copyOf(steps), expected,
                chunks, label);
    }

    /** Conversation {@code index}'s thread: a Discord thread of its own, or a Slack thread in a workspace of ten. */
    public static ThreadKey thread(int index) {
        return index % 2 == 0
                ? new ThreadKey("discord", "G1", "C" + (index / 2 % 10), "th" + index)
                : new ThreadKey("slack", "T" + (index / 2 / SLACK_PER_WORKSPACE), "Cvideo", "ts" + index);
    }

    /** The conversation a thread of {@link #thread} belongs to. */
    public static int indexOf(ThreadKey thread) {
        return Integer.parseInt(thread.thread().substring(2));
    }

    /**
     * At most how many rate buckets the core would hold for the first {@code n} conversations if it never
     * released any: one per Discord thread (a thread whose reply needed no edit has none), the bot's, one
     * per Slack workspace.
     */
    public static long bucketsNeverReleased(int n) {
        int discordThreads = (n + 1) / 2;
        int slackWorkspaces = (n / 2 + SLACK_PER_WORKSPACE - 1) / SLACK_PER_WORKSPACE;
        return discordThreads + (discordThreads > 0 ? 1 : 0) + slackWorkspaces;
    }
}
