package io.nemobot.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming {@code multipart/form-data} reader: part bodies pass through a small fixed buffer to
 * a {@link Sink}, so a part of any size costs 64 KiB of heap.
 *
 * <p>Usage: {@code while ((headers = reader.nextPart()) != null) reader.body(sink);} (an unread body
 * is skipped by the next {@code nextPart}).
 */
final class MultipartReader {

    /** Receives a part's bytes; the array is reused after the call returns. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The request body is not valid multipart. */
    static final class MalformedMultipartException extends IOException {
        MalformedMultipartException(String message) {
            super(message);
        }
    }

    static final Sink DISCARD = (bytes, offset, length) -> { };

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 32;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int start;
    private int end;
    private boolean eof;
    private boolean inBody = true;
    private boolean done;

    /** The preamble is read as if it were a body, behind a virtual CRLF: "--boundary" then matches. */
    MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("boundary must be 1-200 characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** The next part's headers (lower-case names), or null after the closing delimiter. */
    Map<String, String> nextPart() throws IOException {
        if (done) {
            return null;
        }
        if (inBody) {
            body(DISCARD);
        }
        ensure(2);
        if (end - start >= 2 && buf[start] == '-' && buf[start + 1] == '-') {
            done = true;
            return null;
        }
        readLine();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0 && headers.size() < MAX_HEADERS) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        inBody = true;
        return headers;
    }

    /** Streams the current part's body to {@code sink}, up to the next delimiter. */
    void body(Sink sink) throws IOException {
        if (!inBody) {
            throw new IllegalStateException("no part body to read");
        }
        while (true) {
            int found = indexOfDelimiter();
            if (found >= 0) {
                if (found > start) {
                    sink.accept(buf, start, found - start);
                }
                start = found + delimiter.length;
                inBody = false;
                return;
            }
            int safe = Math.max(start, end - delimiter.length + 1);
            if (safe > start) {
                sink.accept(buf, start, safe - start);
                start = safe;
            }
            if (eof) {
                throw new MalformedMultipartException("the body ended before the closing boundary");
            }
            fill();
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        int last = end - delimiter.length;
        outer:
        for (int i = start; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = start; i + 1 < end; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    start = i + 2;
                    return line;
                }
            }
            if (end - start > MAX_HEADER_LINE) {
                throw new MalformedMultipartException("a part header line is longer than " + MAX_HEADER_LINE);
            }
            if (eof) {
                throw new MalformedMultipartException("the body ended inside the part headers");
            }
            fill();
        }
    }

    private void ensure(int count) throws IOException {
        while (end - start < count && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int read = in.read(buf, end, buf.length - end);
        if (read < 0) {
            eof = true;
        } else {
            end += read;
        }
    }
}
