package io.nemobot.simulator;

import java.util.Locale;
import java.util.Map;

/** The media the backend accepts (nemo-api.md, "Upload") and their {@code file_type}. */
final class MediaTypes {

    private static final Map<String, String> TYPE_BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", "video"), Map.entry("mov", "video"), Map.entry("avi", "video"),
            Map.entry("webm", "video"), Map.entry("mkv", "video"),
            Map.entry("jpg", "image"), Map.entry("png", "image"), Map.entry("gif", "image"),
            Map.entry("webp", "image"),
            Map.entry("mp3", "audio"), Map.entry("wav", "audio"), Map.entry("m4a", "audio"),
            Map.entry("aac", "audio"));

    private MediaTypes() {
    }

    /** The lower-case extension of a file name or URL path, or null when there is none. */
    static String extension(String name) {
        if (name == null) {
            return null;
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot < 0 || dot == last.length() - 1 ? null : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code video}, {@code image} or {@code audio}; null when the extension is not accepted. */
    static String fileType(String name) {
        String extension = extension(name);
        return extension == null ? null : TYPE_BY_EXTENSION.get(extension);
    }
}
