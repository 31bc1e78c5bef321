package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static final String B = "xYz";

    @Test
    void readsPartsAfterAPreamble() throws IOException {
        String body = "preamble\r\n--xYz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst\r\n"
                + "--xYz  \r\nContent-Disposition: form-data; name=\"files\"; filename=\"b.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n\r\n--xY\r\n--xYz--\r\nepilogue";
        MultipartReader reader = new MultipartReader(stream(body), B);

        Map<String, String> first = reader.nextPart();
        assertEquals("form-data; name=\"a\"", first.get("content-disposition"));
        assertEquals("first", read(reader));
        Map<String, String> second = reader.nextPart();
        assertEquals("video/mp4", second.get("content-type"));
        assertEquals(new ContentDisposition("files", "b.mp4"),
                ContentDisposition.parse(second.get("content-disposition")));
        assertEquals("\r\n--xY", read(reader));
        assertNull(reader.nextPart());
        assertNull(reader.nextPart());
    }

    @Test
    void unreadBodiesAreSkipped() throws IOException {
        MultipartReader reader = new MultipartReader(stream("--xYz\r\nA: 1\r\n\r\nskip me\r\n--xYz\r\nA: 2\r\n\r\n"
                + "keep\r\n--xYz--"), B);
        reader.nextPart();
        assertEquals("2", reader.nextPart().get("a"));
        assertEquals("keep", read(reader));
        assertNull(reader.nextPart());
    }

    @Test
    void delimitersStraddlingTheBufferAreFoundWhateverTheReadSizes() throws IOException {
        for (int size = 64 * 1024 - 12; size <= 64 * 1024 + 12; size++) {
            byte[] content = new byte[size];
            new PatternStream(size, size).read(content, 0, size);
            content[size / 2] = '\r';
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("--xYz\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(content);
            body.writeBytes("\r\n--xYz--\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int chunk = size % 3 == 0 ? 1 : 7_777;
            MultipartReader reader = new MultipartReader(new Trickle(body.toByteArray(), chunk), B);
            reader.nextPart();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.body(out::write);
            assertArrayEquals(content, out.toByteArray(), "size " + size);
            assertNull(reader.nextPart());
        }
    }

    @Test
    void truncatedBodiesAreMalformed() throws IOException {
        MultipartReader reader = new MultipartReader(stream("--xYz\r\nA: 1\r\n\r\nno end"), B);
        reader.nextPart();
        assertThrows(MultipartReader.MalformedMultipartException.class, () -> read(reader));
        assertThrows(MultipartReader.MalformedMultipartException.class,
                () -> new MultipartReader(stream("--xYz\r\nA: 1"), B).nextPart());
    }

    @Test
    void contentDispositionVariants() {
        assertEquals(new ContentDisposition("files", "a b.mp4"),
                ContentDisposition.parse("form-data; name=files; filename=\"a b.mp4\""));
        assertEquals(new ContentDisposition("files", "été.mp4"),
                ContentDisposition.parse("form-data; name=\"files\"; filename=\"x\"; filename*=UTF-8''%C3%A9t%C3%A9.mp4"));
        assertEquals("abc", ContentDisposition.parameter("multipart/form-data; boundary=\"abc\"", "boundary"));
        assertNull(ContentDisposition.parameter("multipart/form-data", "boundary"));
    }

    private static String read(MultipartReader reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.body(out::write);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most {@code chunk} bytes per read, like a slow socket. */
    private static final class Trickle extends FilterInputStream {
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            super(new ByteArrayInputStream(bytes));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, chunk));
        }
    }
}
