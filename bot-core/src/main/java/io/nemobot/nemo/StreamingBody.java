package io.nemobot.nemo;

import java.io.IOException;
import java.io.InputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * An upload part's request body: the bytes are read from the part's source while the request is
 * written, so a large file is never held in memory. One-shot: a body read from a chat platform
 * cannot be replayed, so OkHttp must not retry it.
 */
final class StreamingBody extends RequestBody {
    private final UploadPart part;
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();

    StreamingBody(UploadPart part) {
        this.part = part;
    }

    @Override
    public MediaType contentType() {
        return MediaType.parse(part.contentType());
    }

    @Override
    public long contentLength() {
        return part.size();
    }

    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        try (InputStream in = part.source().open(); Source source = Okio.source(in)) {
            written.addAndGet(sink.writeAll(source));
        }
    }

    /** The bytes sent so far (what the upload metric counts once the backend accepted them). */
    long written() {
        return written.get();
    }
}
