package io.nemobot.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaCheckTest {
    /** The first bytes of a real file of each accepted type. */
    private static final Map<String, byte[]> HEADS = new LinkedHashMap<>();

    static {
        HEADS.put("mp4", bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0));
        HEADS.put("mov", bytes(0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' ', 0x20, 0x05, 0x03, 0));
        HEADS.put("m4a", bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' ', 0, 0, 0, 0));
        HEADS.put("webm", bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1, 0x42, 0xF7, 0x81, 1, 0x42, 0xF2, 0x81));
        HEADS.put("mkv", bytes(0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 1, 0x42, 0xF7, 0x81, 1, 0x42, 0xF2, 0x81));
        HEADS.put("avi", bytes('R', 'I', 'F', 'F', 0x24, 0x10, 0, 0, 'A', 'V', 'I', ' ', 'L', 'I', 'S', 'T'));
        HEADS.put("wav", bytes('R', 'I', 'F', 'F', 0x24, 0x08, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '));
        HEADS.put("webp", bytes('R', 'I', 'F', 'F', 0x1A, 0x20, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '));
        HEADS.put("jpg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1));
        HEADS.put("jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE1, 0x2F, 0xFE, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 0x2A));
        HEADS.put("png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'));
        HEADS.put("gif", bytes('G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0));
        HEADS.put("mp3", bytes('I', 'D', '3', 4, 0, 0, 0, 0, 0x23, 0x76, 'T', 'S', 'S', 'E', 0, 0));
        HEADS.put("aac", bytes(0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC, 0x21, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static boolean sniff(String ext, byte[] head) {
        return MediaCheck.looksLike(ext, head, head.length);
    }

    @Test
    void everyAcceptedTypeIsRecognisedByItsFirstBytes() {
        assertEquals(MediaCheck.ACCEPTED.size(), HEADS.size(), "a header for every accepted type");
        for (Map.Entry<String, byte[]> e : HEADS.entrySet()) {
            assertTrue(MediaCheck.accepted(e.getKey()), e.getKey());
            assertTrue(sniff(e.getKey(), e.getValue()), e.getKey());
            assertTrue(sniff(e.getKey().toUpperCase(), e.getValue()), "upper-case ." + e.getKey());
        }
        assertTrue(sniff("mp3", bytes(0xFF, 0xFB, 0x90, 0x64)), "an MP3 without an ID3 tag starts with a frame sync");
        assertTrue(sniff("mov", bytes(0, 0, 0, 8, 'w', 'i', 'd', 'e', 0, 0, 0, 0, 'm', 'd', 'a', 't')));
        assertTrue(sniff("aac", bytes('A', 'D', 'I', 'F')));
    }

    @Test
    void aTextFileNamedLikeMediaIsRejected() {
        byte[] text = "Scene 1: a city at night, drone shot.\n".getBytes(StandardCharsets.UTF_8);
        for (String ext : HEADS.keySet()) {
            assertFalse(sniff(ext, Arrays.copyOf(text, 16)), "text named ." + ext);
        }
    }

    @ParameterizedTest(name = "{0} bytes named .{1}")
    @CsvSource({"png, jpg", "jpg, png", "wav, avi", "avi, webp", "webp, wav", "gif, mp4", "mp4, webm", "webm, mp3",
            "mp3, aac"})
    void oneTypeNamedAsAnotherIsRejected(String real, String named) {
        assertFalse(sniff(named, HEADS.get(real)));
    }

    @Test
    void tooFewBytesAreNotEnough() {
        assertFalse(MediaCheck.looksLike("mp4", new byte[16], 0));
        byte[] mp4 = HEADS.get("mp4");
        assertFalse(MediaCheck.looksLike("mp4", mp4, 7), "the signature lies past what was read");
        assertFalse(MediaCheck.looksLike("avi", HEADS.get("avi"), 11));
        assertFalse(MediaCheck.looksLike("png", Arrays.copyOf(HEADS.get("png"), 2), 2));
        assertTrue(MediaCheck.looksLike("png", HEADS.get("png"), 4));
        assertTrue(MediaCheck.SNIFF_BYTES >= 12, "enough bytes for the RIFF types");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exe", "txt", "pdf", "heic", "flac", "zip", "svg", ""})
    void otherTypesAreNotMedia(String ext) {
        assertFalse(MediaCheck.accepted(ext));
    }

    @Test
    void scriptsAreTheDocumentsTheSeedsSuggest() {
        for (String ext : List.of("txt", "docx", "pdf", "srt", "csv", "json", "md", "TXT", "Docx")) {
            assertTrue(MediaCheck.script(ext), ext);
            assertFalse(MediaCheck.accepted(ext), ext + " is read, not uploaded");
        }
        assertFalse(MediaCheck.script("mp4"));
    }

    @Test
    void theListUsersSeeNamesEveryAcceptedType() {
        List<String> contract = List.of("mp4", "mov", "avi", "webm", "mkv", "jpg", "png", "gif", "webp", "mp3", "wav",
                "m4a", "aac");
        assertEquals(String.join(", ", contract), MediaCheck.acceptedList());
    }

    @ParameterizedTest
    @CsvSource({"mp4, video/mp4", "MOV, video/quicktime", "avi, video/x-msvideo", "webm, video/webm",
            "mkv, video/x-matroska", "jpg, image/jpeg", "jpeg, image/jpeg", "png, image/png", "gif, image/gif",
            "webp, image/webp", "mp3, audio/mpeg", "wav, audio/wav", "m4a, audio/mp4", "aac, audio/aac"})
    void mimeTypes(String ext, String mime) {
        assertEquals(mime, MediaCheck.mimeType(ext));
    }
}
