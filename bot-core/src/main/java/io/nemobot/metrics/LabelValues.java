package io.nemobot.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps one label's values few and safe: lower case, only {@code [a-z0-9_]}, at most 40 characters,
 * and once {@code max} distinct values were seen, any new one becomes {@code other}. A caller that
 * passes an id by mistake then costs one extra series, not one per id, and the set stays bounded.
 */
final class LabelValues {
    static final String NONE = "none";
    static final String OTHER = "other";
    private static final int MAX_LENGTH = 40;

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_]");

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    LabelValues(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        this.max = max;
    }

    String of(String raw) {
        String value = clean(raw);
        if (seen.contains(value)) {
            return value;
        }
        synchronized (seen) {
            if (seen.size() >= max && !seen.contains(value)) {
                return OTHER;
            }
            seen.add(value);
            return value;
        }
    }

    static String clean(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        if (alreadyClean(raw)) { // the usual case, asked on every chunk and call: no copy, no pattern
            return raw;
        }
        String s = NOT_ALLOWED.matcher(raw.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }

    private static boolean alreadyClean(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
