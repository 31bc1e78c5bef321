package io.nemobot.chat;

import java.util.Locale;

/**
 * A file attached to a chat message. Name, size and type come from the platform's metadata, so
 * the core can refuse a file before a single byte is downloaded.
 *
 * @param name        file name as the user sent it (may contain anything; never trusted as a path)
 * @param size        size in bytes as the platform reports it, or -1 when unknown
 * @param contentType MIME type as the platform reports it, or {@code application/octet-stream}
 * @param source      how to open the bytes
 */
public record Attachment(String name, long size, String contentType, ByteSource source) {
    public Attachment {
        Checks.notBlank(name, "name");
        Checks.notNull(source, "source");
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
    }

    /** The lower-case extension of the file's base name, without the dot, or "" when none. */
    public String extension() {
        String base = safeName();
        int dot = base.lastIndexOf('.');
        return dot < 0 || dot == base.length() - 1 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The base name with any directory parts and control characters removed, never empty. */
    public String safeName() {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = base.replaceAll("[\\p{Cntrl}\"]", "").strip();
        while (base.startsWith(".")) {
            base = base.substring(1);
        }
        return base.isEmpty() ? "file" : base;
    }
}
