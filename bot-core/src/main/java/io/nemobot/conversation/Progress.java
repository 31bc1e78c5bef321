package io.nemobot.conversation;

import io.nemobot.words.Messages;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line: the current tool (or "still working" after a silence) and the elapsed time.
 * The platform's status line always shows it; the reply shows it under its text only while no
 * text comes in (before the first, during a tool, after a pause): streaming text is progress
 * enough, and a line that comes and goes under it would cost the platform's edit budget twice
 * for every message the text fills.
 */
final class Progress {
    /** Text quiet for this long brings the line back under it. */
    static final long QUIET_NANOS = Duration.ofSeconds(5).toNanos();

    private final Messages words;
    private final long start;
    private String tool;
    private long lastText;
    private boolean sawText;
    private boolean toolSinceText;

    Progress(Messages words, long start) {
        this.words = words;
        this.start = start;
        this.lastText = start;
    }

    synchronized void text(long now) {
        lastText = now;
        sawText = true;
        toolSinceText = false;
    }

    synchronized void tool(String name, long now) {
        tool = name;
        lastText = now;
        toolSinceText = true;
    }

    /** Whether the reply shows the line under its text now. */
    synchronized boolean underText(long now) {
        return !sawText || toolSinceText || now - lastText >= QUIET_NANOS;
    }

    synchronized void toolDone(long now) {
        tool = null;
    }

    synchronized String line(long now, long stillWorkingNanos) {
        String elapsed = Messages.elapsed(Duration.ofNanos(now - start));
        if (now - lastText >= stillWorkingNanos) {
            return words.get("still.working") + " · " + elapsed;
        }
        return words.get("progress.line", "what", describe(tool), "elapsed", elapsed);
    }

    private String describe(String name) {
        if (name == null) {
            return words.get("progress.thinking");
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("generat") || n.contains("seedance") || n.contains("video")) {
            return words.get("progress.generate");
        }
        if (n.contains("music") || n.contains("bgm") || n.contains("audio")) {
            return words.get("progress.music");
        }
        if (n.contains("upload") || n.contains("media")) {
            return words.get("progress.upload");
        }
        if (n.contains("edit") || n.contains("timeline") || n.contains("track") || n.contains("title")) {
            return words.get("progress.edit");
        }
        return words.get("progress.tool", "tool", name.replace('_', ' '));
    }
}
