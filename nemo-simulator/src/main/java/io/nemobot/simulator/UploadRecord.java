package io.nemobot.simulator;

import java.util.Objects;

/**
 * One uploaded file (accepted or rejected) as the simulator received it.
 *
 * @param sessionId the session of the upload path
 * @param filename the multipart file name, or the URL for URL uploads
 * @param size bytes received, or -1 for URL uploads
 * @param sha256 lower-case hex SHA-256 of the bytes received, or null for URL uploads
 * @param contentType the part's Content-Type, or null when absent (and for URL uploads)
 */
public record UploadRecord(String sessionId, String filename, long size, String sha256, String contentType) {
    public UploadRecord {
        Objects.requireNonNull(sessionId, "sessionId may not be null");
        Objects.requireNonNull(filename, "filename may not be null");
        if (size < -1) {
            throw new IllegalArgumentException("size must be >= -1, was " + size);
        }
    }

    /** True for a {@code {"urls":[...]}} upload. */
    public boolean isUrl() {
        return size == -1;
    }
}
