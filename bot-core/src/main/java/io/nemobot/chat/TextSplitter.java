package io.nemobot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a long reply into messages no longer than a limit, at the cleanest place available:
 * a blank line, then a line break, then a sentence end, then a space. Never inside a word or a
 * link, unless one alone is longer than the limit.
 */
public final class TextSplitter {
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private TextSplitter() {
    }

    public static List<String> split(String text, int limit) {
        if (limit < 10) {
            throw new IllegalArgumentException("limit must be at least 10: " + limit);
        }
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = cutPoint(rest, limit);
            String head = rest.substring(0, cut).stripTrailing();
            if (!head.isEmpty()) {
                parts.add(head);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    static int cutPoint(String text, int limit) {
        int min = limit / 2;
        int at = text.lastIndexOf("\n\n", limit);
        if (at >= min && safe(text, at)) {
            return at;
        }
        at = text.lastIndexOf('\n', limit);
        if (at >= min && safe(text, at)) {
            return at;
        }
        for (int i = limit - 1; i >= min; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？') && i + 1 <= limit
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)) || c >= '。')
                    && safe(text, i + 1)) {
                return i + 1;
            }
        }
        for (int i = limit; i >= 1; i--) {
            if (i < text.length() && Character.isWhitespace(text.charAt(i)) && safe(text, i)) {
                return i;
            }
        }
        // One word or link longer than the limit: cut it, keeping surrogate pairs whole.
        int cut = limit;
        if (Character.isLowSurrogate(text.charAt(cut)) && cut > 1) {
            cut--;
        }
        return cut;
    }

    /** Whether cutting at {@code index} stays outside every link. */
    private static boolean safe(String text, int index) {
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            if (m.start() < index && index < m.end()) {
                return false;
            }
            if (m.start() >= index) {
                break;
            }
        }
        return true;
    }
}
