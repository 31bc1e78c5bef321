package io.nemobot.chat;

import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of an attachment, lazily: nothing is downloaded until the core decides to. */
@FunctionalInterface
public interface ByteSource {
    InputStream open() throws IOException;
}
