package io.nemobot.discord;

/**
 * A thread's name from the prompt that opened it: one line, at most 100 characters, cut between
 * words; the given default name (the core's words) when the prompt has none.
 */
final class ThreadNames {
    static final int MAX_LENGTH = 100;

    private ThreadNames() {
    }

    static String fromPrompt(String prompt, String defaultName) {
        String line = prompt == null ? "" : prompt.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (line.isEmpty()) {
            return defaultName;
        }
        if (line.codePointCount(0, line.length()) <= MAX_LENGTH) {
            return line;
        }
        String head = line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH - 1));
        int space = head.lastIndexOf(' ');
        if (space >= MAX_LENGTH / 2) {
            head = head.substring(0, space);
        }
        return head.stripTrailing() + "…";
    }
}
