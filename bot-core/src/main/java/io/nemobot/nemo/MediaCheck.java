package io.nemobot.nemo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the backend accepts, checked before a byte is sent: the extension against the accepted
 * list, and the first bytes against the extension (a file named .mp4 must look like one).
 */
public final class MediaCheck {
    /** Everything the backend's upload takes. */
    public static final List<String> ACCEPTED = List.of("mp4", "mov", "avi", "webm", "mkv", "jpg", "jpeg", "png",
            "gif", "webp", "mp3", "wav", "m4a", "aac");
    /** Text documents read as scripts instead of uploaded. */
    public static final List<String> SCRIPTS = List.of("txt", "md", "srt", "vtt", "csv", "tsv", "json", "pdf", "docx");
    /** How many leading bytes {@link #looksLike} needs. */
    public static final int SNIFF_BYTES = 16;

    private static final Map<String, String> KIND = Map.ofEntries(
            Map.entry("mp4", "video"), Map.entry("mov", "video"), Map.entry("avi", "video"), Map.entry("webm", "video"),
            Map.entry("mkv", "video"), Map.entry("jpg", "image"), Map.entry("jpeg", "image"), Map.entry("png", "image"),
            Map.entry("gif", "image"), Map.entry("webp", "image"), Map.entry("mp3", "audio"), Map.entry("wav", "audio"),
            Map.entry("m4a", "audio"), Map.entry("aac", "audio"));

    private MediaCheck() {
    }

    public static boolean accepted(String extension) {
        return ACCEPTED.contains(extension.toLowerCase(Locale.ROOT));
    }

    public static boolean script(String extension) {
        return SCRIPTS.contains(extension.toLowerCase(Locale.ROOT));
    }

    /** The MIME type to send for an accepted extension. */
    public static String mimeType(String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "mov" -> "video/quicktime";
            case "avi" -> "video/x-msvideo";
            case "mkv" -> "video/x-matroska";
            case "jpg", "jpeg" -> "image/jpeg";
            case "mp3" -> "audio/mpeg";
            case "m4a" -> "audio/mp4";
            case "wav" -> "audio/wav";
            default -> KIND.getOrDefault(ext, "application") + "/" + ext;
        };
    }

    /** The list users see: {@code mp4, mov, …}. */
    public static String acceptedList() {
        return String.join(", ", ACCEPTED.stream().filter(e -> !e.equals("jpeg")).toList());
    }

    public static String scriptList() {
        return "TXT, DOCX, PDF, SRT, CSV, JSON, MD";
    }

    /** Whether the first bytes fit the extension. Unknown signatures of accepted kinds pass. */
    public static boolean looksLike(String extension, byte[] head, int length) {
        String ext = extension.toLowerCase(Locale.ROOT);
        if (length <= 0) {
            return false;
        }
        switch (ext) {
            case "mp4":
            case "mov":
            case "m4a":
                return length >= 8 && (ascii(head, 4, "ftyp") || ascii(head, 4, "moov") || ascii(head, 4, "mdat")
                        || ascii(head, 4, "wide") || ascii(head, 4, "free") || ascii(head, 4, "skip"));
            case "webm":
            case "mkv":
                return length >= 4 && (head[0] & 0xff) == 0x1A && (head[1] & 0xff) == 0x45
                        && (head[2] & 0xff) == 0xDF && (head[3] & 0xff) == 0xA3;
            case "avi":
                return length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "AVI ");
            case "wav":
                return length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE");
            case "webp":
                return length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP");
            case "jpg":
            case "jpeg":
                return length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF;
            case "png":
                return length >= 4 && (head[0] & 0xff) == 0x89 && ascii(head, 1, "PNG");
            case "gif":
                return length >= 4 && ascii(head, 0, "GIF8");
            case "mp3":
                return length >= 3 && (ascii(head, 0, "ID3") || ((head[0] & 0xff) == 0xFF && (head[1] & 0xE0) == 0xE0));
            case "aac":
                return length >= 2 && (ascii(head, 0, "ADIF") || ((head[0] & 0xff) == 0xFF && (head[1] & 0xF0) == 0xF0));
            default:
                return true;
        }
    }

    private static boolean ascii(byte[] b, int offset, String s) {
        if (b.length < offset + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[offset + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
