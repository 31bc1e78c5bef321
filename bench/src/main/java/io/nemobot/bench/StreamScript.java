package io.nemobot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds one conversation's stream for a {@link Plan}: its steps (pauses, chunks, heartbeats, tool
 * calls) from the conversation's own random numbers, and the text the user should end up seeing.
 */
final class StreamScript {
    private static final String[] WORDS = ("the city lights glow over a quiet river while soft music drifts through the "
            + "evening air and the scene begins with a wide shot of the skyline as the camera pans slowly toward the "
            + "harbor where small boats sail past warm colors fade into night rain falls on empty streets a cyclist "
            + "rides under neon signs people laugh in a bright cafe").split(" ");

    private final int conv;
    private final boolean agent;
    private final Random r;
    private final List<Plan.Step> steps = new ArrayList<>();
    private final StringBuilder committed = new StringBuilder();
    private final StringBuilder segment = new StringBuilder();
    private int chunks;
    private long elapsed;
    private boolean secondSegment;

    StreamScript(int conv, boolean agent, Random r) {
        this.conv = conv;
        this.agent = agent;
        this.r = r;
    }

    void pause(int ms) {
        if (ms > 0) {
            steps.add(new Plan.Pause(ms));
            elapsed += ms;
        }
    }

    /** A chunk every {@code gap} ms for {@code ms}, the last at {@code ms}. */
    void textEvery(int ms, int gap) {
        for (int at = gap; at <= ms; at += gap) {
            pause(gap);
            StringBuilder c = new StringBuilder(segment.length() > 0 ? " " : "");
            int words = 1 + r.nextInt(3);
            for (int w = 0; w < words; w++) {
                c.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            c.append(Plan.token(conv, chunks++));
            steps.add(new Plan.Chunk(c.toString()));
            segment.append(c);
        }
    }

    /** Chunks every 50-200 ms for {@code ms}, with a heartbeat about every 5 s. */
    void text(int ms, boolean heartbeatsToo) {
        long end = elapsed + ms;
        long nextHeartbeat = elapsed + 5000;
        while (true) {
            int gap = 50 + r.nextInt(151);
            if (elapsed + gap > end) {
                pause((int) (end - elapsed));
                return;
            }
            pause(gap);
            StringBuilder c = new StringBuilder();
            if (segment.length() > 0) {
                c.append(' ');
            } else if (secondSegment && !agent) {
                c.append("\n\n");
            }
            int words = 1 + r.nextInt(3);
            for (int w = 0; w < words; w++) {
                c.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            c.append(Plan.token(conv, chunks++));
            if (r.nextInt(12) == 0) {
                c.append('.');
            }
            steps.add(new Plan.Chunk(c.toString()));
            segment.append(c);
            if (heartbeatsToo && elapsed >= nextHeartbeat) {
                steps.add(new Plan.Heartbeat());
                nextHeartbeat = elapsed + 5000;
            }
        }
    }

    /** Only heartbeats, every 2 s, for {@code ms}. */
    void heartbeats(int ms) {
        long end = elapsed + ms;
        while (elapsed < end) {
            pause((int) Math.min(2000, end - elapsed));
            steps.add(new Plan.Heartbeat());
        }
    }

    void secondSegment() {
        secondSegment = true;
    }

    /** The agent family repeats the segment as one non-partial event (it replaces the chunks). */
    void endSegment() {
        if (segment.length() == 0) {
            return;
        }
        String text = segment.toString();
        if (agent) {
            steps.add(new Plan.Whole(text));
        }
        if (committed.length() > 0 && agent) {
            committed.append("\n\n");
        }
        committed.append(text);
        segment.setLength(0);
    }

    void add(Plan.Step step) {
        steps.add(step);
    }

    List<Plan.Step> steps() {
        return List.copyOf(steps);
    }

    /** How many chunks (tokens) the stream carries so far. */
    int chunks() {
        return chunks;
    }

    /** The stream's own duration so far: the sum of its pauses. */
    long elapsedMs() {
        return elapsed;
    }

    String expected() {
        return committed.toString().strip();
    }
}
