package io.nemobot.store;

import io.nemobot.chat.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A message of a reply that the text outgrew (the reply went on in the next one): it keeps its text
 * for good. Kept with an open turn so that a restart can put that text back, without the progress
 * line it may still show if the process died before it was taken off.
 *
 * @param message the adapter's handle of the message
 * @param text    the text it keeps
 */
public record SettledMessage(String message, String text) {
    public SettledMessage {
        Checks.notBlank(message, "message");
        Checks.notNull(text, "text");
    }

    /**
     * The list as one column value: each field as its length, a colon and its characters
     * ({@code 4:m1235:hello}), so any text round-trips without escaping. Null for an empty list.
     */
    static String encode(List<SettledMessage> messages) {
        if (messages.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (SettledMessage m : messages) {
            field(out, m.message());
            field(out, m.text());
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }

    /** The list read back from {@link #encode}; empty for null (none, or a row written before the column existed). */
    static List<SettledMessage> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return List.of();
        }
        List<SettledMessage> out = new ArrayList<>();
        int[] at = {0};
        while (at[0] < encoded.length()) {
            String message = next(encoded, at);
            String text = next(encoded, at);
            out.add(new SettledMessage(message, text));
        }
        return List.copyOf(out);
    }

    private static String next(String encoded, int[] at) {
        int colon = encoded.indexOf(':', at[0]);
        if (colon < 0) {
            throw new StoreException("malformed settled messages at " + at[0], null);
        }
        int length = Integer.parseInt(encoded.substring(at[0], colon));
        int start = colon + 1;
        at[0] = start + length;
        return encoded.substring(start, at[0]);
    }
}
