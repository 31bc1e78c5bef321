package io.nemobot.discord;

import java.util.ArrayList;
import java.util.List;

/** Splits adapter-side text (the help) into Discord-sized messages at line or word boundaries. */
final class TextChunks {
    private TextChunks() {
    }

    static List<String> split(String text, int max) {
        List<String> chunks = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = max;
            }
            chunks.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || chunks.isEmpty()) {
            chunks.add(rest.isEmpty() ? "…" : rest);
        }
        return chunks;
    }
}
