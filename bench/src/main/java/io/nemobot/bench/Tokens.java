package io.nemobot.bench;

import java.util.function.LongConsumer;

/** Finds the chunk tokens {@code q<conv>x<chunk>} in a text, without regular expressions (this runs on every edit). */
public final class Tokens {
    private Tokens() {
    }

    public static long key(int conv, int chunk) {
        return ((long) conv << 32) | (chunk & 0xffffffffL);
    }

    public static int conv(long key) {
        return (int) (key >>> 32);
    }

    public static int chunk(long key) {
        return (int) key;
    }

    /** The token starting at {@code at} (which holds a 'q'), as a key, or -1 when there is none. */
    public static long parseAt(String s, int at) {
        if (at > 0 && !Character.isWhitespace(s.charAt(at - 1))) {
            return -1;
        }
        int i = at + 1;
        long conv = 0;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && digits < 9) {
            conv = conv * 10 + (s.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || i >= s.length() || s.charAt(i) != 'x') {
            return -1;
        }
        i++;
        long chunk = 0;
        digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && digits < 9) {
            chunk = chunk * 10 + (s.charAt(i) - '0');
            i++;
            digits++;
        }
        if (digits == 0 || (i < s.length() && Character.isLetterOrDigit(s.charAt(i)))) {
            return -1;
        }
        return key((int) conv, (int) chunk);
    }

    /** Every token in {@code s}, in order. */
    public static void forEach(String s, LongConsumer action) {
        int at = s.indexOf('q');
        while (at >= 0) {
            long k = parseAt(s, at);
            if (k >= 0) {
                action.accept(k);
            }
            at = s.indexOf('q', at + 1);
        }
    }
}
