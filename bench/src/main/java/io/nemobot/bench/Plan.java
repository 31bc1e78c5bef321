package io.nemobot.bench;

import io.nemobot.chat.ThreadKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What every conversation of a run does, derived from the seed alone, so the bot-side driver (which
 * checks what reached the platform) and the simulator process (which plays it) agree without
 * sending scripts across. Chunk texts carry a token {@code q<conv>x<chunk>} so a chunk can be found
 * again in what the platform received.
 */
public final class Plan {
    /** The kinds of conversation, with their share of a run. */
    public enum Kind {
        /** Partial chunks for the whole turn, a tool call in the middle, heartbeats. */
        TEXT,
        /** Text, then "generating" (tool call, heartbeats only, the draft appears), then more text. */
        GENERATE,
        /** Heartbeats and a tool call, no text at all; the draft changes (the core reports the change). */
        SILENT,
        /** A short GENERATE turn, then the user says "export": a render polled several times. */
        EXPORT
    }

    /** One scripted step of a stream. */
    public sealed interface Step {
    }

    public record Pause(int millis) implements Step {
    }

    public record Chunk(String text) implements Step {
    }

    public record Whole(String text) implements Step {
    }

    public record Heartbeat() implements Step {
    }

    public record ToolCall(String name) implements Step {
    }

    public record ToolResult(String name) implements Step {
    }

    /** The connection drops half way through an event (the soak's cut streams). */
    public record Cut() implements Step {
    }

    /** The session's draft becomes a generated video ({@code label} names the clip) or gets a title. */
    public record Draft(boolean video, String label) implements Step {
    }

    /**
     * One conversation.
     *
     * @param index     its number in the run
     * @param platform  {@code discord} or {@code slack}
     * @param thread    where it lives
     * @param kind      what it does
     * @param agent     ADK agent event family (else the typed family)
     * @param steps     the stream's script
     * @param expected  the reply text the user must end up seeing (null for a silent turn)
     * @param tokens    how many chunks (tokens) the stream carries
     * @param scriptMs  the stream's own duration: the sum of its pauses
     * @param label     the clip name (GENERATE, EXPORT) or title (SILENT)
     */
    public record Conv(int index, String platform, ThreadKey thread, Kind kind, boolean agent, List<Step> steps,
            String expected, int tokens, long scriptMs, String label) {
        /** The shortest time the conversation can take end to end, render included. */
        public long idealMs(Settings s) {
            return kind == Kind.EXPORT ? scriptMs + s.thinkMs + (long) (RENDER_POLLS - 1) * s.renderPollMs : scriptMs;
        }

        public String lastToken() {
            return tokens == 0 ? null : token(index, tokens - 1);
        }
    }

    /** The knobs both processes need to build the same plan. */
    public record Settings(long seed, boolean quick, int conversations, int slackPerWorkspace, int renderPollMs,
            int thinkMs, String shape) {
        /** The mixed runs: both platforms, every kind of turn. */
        public static final String MIXED = "mixed";
        /** Every conversation on Slack in one workspace across {@link #SLACK_CHANNELS} channels, one 20 s text reply each. */
        public static final String ONE_WORKSPACE = "oneworkspace";

        public Settings(long seed, boolean quick, int conversations, int slackPerWorkspace, int renderPollMs, int thinkMs) {
            this(seed, quick, conversations, slackPerWorkspace, renderPollMs, thinkMs, MIXED);
        }

        public String args() {
            return seed + " " + quick + " " + conversations + " " + slackPerWorkspace + " " + renderPollMs + " " + thinkMs
                    + " " + shape;
        }

        public static Settings parse(String[] a, int from) {
            return new Settings(Long.parseLong(a[from]), Boolean.parseBoolean(a[from + 1]), Integer.parseInt(a[from + 2]),
                    Integer.parseInt(a[from + 3]), Integer.parseInt(a[from + 4]), Integer.parseInt(a[from + 5]), a[from + 6]);
        }
    }

    /** Channels of the one-workspace shape. */
    public static final int SLACK_CHANNELS = 8;
    /** The one-workspace shape's replies: a chunk every 500 ms for 20 s. */
    public static final int BURST_CHUNK_MS = 500;
    public static final int BURST_REPLY_MS = 20_000;

    /** Polls of each render: pending, 25 %, 50 %, 75 %, completed. */
    public static final int RENDER_POLLS = 5;

    private Plan() {
    }

    /** Neighbouring seeds give java.util.Random neighbouring first numbers: scramble them (MurmurHash3's finalizer). */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    public static String token(int conv, int chunk) {
        return "q" + conv + "x" + chunk;
    }

    public static List<Conv> of(Settings s) {
        List<Conv> out = new ArrayList<>(s.conversations());
        for (int i = 0; i < s.conversations(); i++) {
            out.add(conversation(s, i));
        }
        return out;
    }

    public static Conv conversation(Settings s, int index) {
        Random r = new Random(mix(s.seed() * 0x9E3779B97F4A7C15L + index));
        if (s.shape().equals(Settings.ONE_WORKSPACE)) {
            StreamScript b = new StreamScript(index, false, r);
            b.textEvery(BURST_REPLY_MS, BURST_CHUNK_MS);
            b.endSegment();
            ThreadKey thread = new ThreadKey("slack", "T0", "C" + (index % SLACK_CHANNELS), "ts" + index);
            return new Conv(index, "slack", thread, Kind.TEXT, false, b.steps(), b.expected(), b.chunks(),
                    b.elapsedMs(), null);
        }
        double pick = r.nextDouble();
        Kind kind = index == 0 ? Kind.TEXT
                : pick < 0.50 ? Kind.TEXT : pick < 0.70 ? Kind.GENERATE : pick < 0.85 ? Kind.SILENT : Kind.EXPORT;
        boolean agent = r.nextDouble() < 0.7;
        String platform = index % 2 == 0 ? "discord" : "slack";
        ThreadKey thread = platform.equals("discord")
                ? new ThreadKey("discord", "G1", "C" + (index / 2 % 10), "th" + index)
                : new ThreadKey("slack", "T" + (index / 2 / s.slackPerWorkspace()), "Cvideo", "ts" + index);
        int minS = s.quick() ? 4 : 10;
        int maxS = kind == Kind.EXPORT ? (s.quick() ? 6 : 30) : (s.quick() ? 12 : 60);
        int durationMs = (minS * 1000) + r.nextInt((maxS - minS) * 1000 + 1);
        StreamScript b = new StreamScript(index, agent, r);
        String label;
        switch (kind) {
            case TEXT -> {
                label = null;
                b.text(durationMs * 2 / 5, true);
                b.add(new ToolCall("search_stock_footage"));
                b.add(new ToolResult("search_stock_footage"));
                b.text(durationMs - durationMs * 2 / 5, false);
                b.endSegment();
            }
            case GENERATE, EXPORT -> {
                label = "clip " + index;
                b.text(durationMs / 4, true);
                b.endSegment();
                b.add(new ToolCall("generate_video_with_seedance"));
                b.heartbeats(durationMs * 9 / 20);
                b.add(new Draft(true, label));
                b.add(new ToolResult("generate_video_with_seedance"));
                b.secondSegment();
                b.text(durationMs - durationMs / 4 - durationMs * 9 / 20, true);
                b.endSegment();
            }
            default -> {
                label = "Banner " + index;
                b.add(new ToolCall("edit_timeline_title"));
                b.heartbeats(durationMs - 500);
                b.add(new Draft(false, label));
                b.add(new ToolResult("edit_timeline_title"));
                b.pause(500);
            }
        }
        String expected = kind == Kind.SILENT ? null : b.expected();
        return new Conv(index, platform, thread, kind, agent, b.steps(), expected, b.chunks(), b.elapsedMs(), label);
    }
}
