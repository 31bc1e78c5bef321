package io.nemobot.simulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and hashes (SHA-256) the bytes of one uploaded file, then forgets them. */
final class DigestSink implements MultipartReader.Sink {

    private final MessageDigest sha256;
    private long size;

    DigestSink() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        sha256.update(bytes, offset, length);
        size += length;
    }

    long size() {
        return size;
    }

    /** Lower-case hex; call once, at the end. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
