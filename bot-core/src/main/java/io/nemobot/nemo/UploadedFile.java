package io.nemobot.nemo;

/** A file the backend accepted. Fields other than the name may be null. */
public record UploadedFile(String filename, String fileType, String cdnUrl, Double durationSeconds) {
}
