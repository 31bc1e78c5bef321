package io.nemobot.nemo;

import io.nemobot.chat.ByteSource;

/**
 * One file to upload, streamed from its source when the request is written.
 *
 * @param filename    the name the backend sees (already made safe)
 * @param contentType MIME type
 * @param size        bytes, or -1 when unknown
 * @param source      the bytes
 */
public record UploadPart(String filename, String contentType, long size, ByteSource source) {
}
