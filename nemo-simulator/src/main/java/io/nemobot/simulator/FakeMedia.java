package io.nemobot.simulator;

import java.util.Locale;

/** The small bytes the fake CDN and the render download serve, so links are fetchable. */
final class FakeMedia {

    /** An MP4 {@code ftyp} box followed by an empty {@code mdat} box. */
    private static final byte[] MP4 = {
        0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'i', 's', 'o', '2',
        0, 0, 0, 8, 'm', 'd', 'a', 't'
    };

    private FakeMedia() {
    }

    static byte[] mp4() {
        return MP4.clone();
    }

    /** Some bytes for a file of this name (a real-looking header for mp4, else a few bytes). */
    static byte[] bytesFor(String name) {
        return "mp4".equals(MediaTypes.extension(name)) ? mp4() : ("sim:" + name).getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
    }

    static String contentTypeFor(String name) {
        String extension = MediaTypes.extension(name);
        String kind = MediaTypes.fileType(name);
        if (kind == null || extension == null) {
            return "application/octet-stream";
        }
        switch (extension) {
            case "jpg": return "image/jpeg";
            case "mp3": return "audio/mpeg";
            case "mov": return "video/quicktime";
            case "m4a": return "audio/mp4";
            default: return kind + "/" + extension.toLowerCase(Locale.ROOT);
        }
    }
}
