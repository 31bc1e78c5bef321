package io.nemobot.chat;

/** Argument checks whose messages name the field. */
public final class Checks {
    private Checks() {
    }

    public static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " may not be blank");
        }
        return value;
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " may not be null");
        }
        return value;
    }
}
