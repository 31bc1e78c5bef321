package io.nemobot.upload;

import io.nemobot.chat.Attachment;
import io.nemobot.chat.ChatThread;
import io.nemobot.config.BotConfig;
import io.nemobot.config.Sizes;
import io.nemobot.config.SkillProfile;
import io.nemobot.metrics.BotMetrics;
import io.nemobot.metrics.CallOutcome;
import io.nemobot.nemo.MediaCheck;
import io.nemobot.nemo.NemoClient;
import io.nemobot.nemo.NemoException;
import io.nemobot.nemo.UploadPart;
import io.nemobot.nemo.UploadedFile;
import io.nemobot.session.Refusals;
import io.nemobot.session.ThreadSkills;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files dropped into a thread. Media is checked (type, size, and that its first bytes match its
 * type) before a byte is sent, then streamed from the chat platform to the backend. Text documents
 * are scripts: their text is collected for the chat stream instead of being uploaded. Opening a file
 * on the platform is a platform call like a post or an edit, so it is timed as one (method
 * {@code download}: the time until the platform answered with the file's first bytes, or refused).
 */
public final class Uploads {
    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    private final Settings settings;
    private final NemoClient nemo;
    private final ThreadSkills skills;
    private final Refusals refusals;
    private final BotMetrics metrics;
    private final LongSupplier nanos;

    /**
     * @param maxFiles       files taken from one message (the rest are refused with a note)
     * @param scriptMaxChars longest script text read from a document
     */
    public record Settings(int maxFiles, int scriptMaxChars) {
        public Settings {
            if (maxFiles < 1) {
                throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
            }
            if (scriptMaxChars < 1) {
                throw new IllegalArgumentException("scriptMaxChars must be at least 1: " + scriptMaxChars);
            }
        }

        public static Settings of(BotConfig config) {
            return new Settings(config.maxFilesPerMessage(), config.scriptMaxChars());
        }
    }

    /** {@code metrics} times each platform download; {@code nanos} ({@code nanoTime} values) is its clock. */
    public Uploads(Settings settings, NemoClient nemo, ThreadSkills skills, Refusals refusals, BotMetrics metrics,
            LongSupplier nanos) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nemo = Objects.requireNonNull(nemo, "nemo");
        this.skills = Objects.requireNonNull(skills, "skills");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    /** Opens a file on its platform, reporting the call: ok, or unavailable when the platform did not serve it. */
    private InputStream download(ChatThread chat, Attachment a) throws IOException {
        long start = nanos.getAsLong();
        CallOutcome outcome = CallOutcome.UNAVAILABLE;
        try {
            InputStream in = a.source().open();
            outcome = CallOutcome.OK;
            return in;
        } finally {
            metrics.platformCall(chat.key().platform(), "download", outcome,
                    Duration.ofNanos(Math.max(0, nanos.getAsLong() - start)));
        }
    }

    /**
     * What came of a message's files: lines to tell the user, the scripts read, how many media files the
     * backend took, and why each refused file was refused ({@code file_type}, {@code file_size},
     * {@code file_content}, {@code file_count}, {@code script}, or the backend refusal's kind).
     */
    public record Result(List<String> lines, List<String> scripts, int uploaded, List<String> refusals) {
        public Result {
            lines = List.copyOf(lines);
            scripts = List.copyOf(scripts);
            refusals = List.copyOf(refusals);
            if (uploaded < 0) {
                throw new IllegalArgumentException("uploaded may not be negative: " + uploaded);
            }
        }
    }

    public Result handle(ChatThread chat, ThreadBinding binding, List<Attachment> attachments, Messages words) {
        SkillProfile skill = skills.of(chat.key(), Optional.of(binding));
        List<String> lines = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        int uploaded = 0;
        int max = settings.maxFiles();
        List<Attachment> taken = attachments.size() > max ? attachments.subList(0, max) : attachments;
        for (Attachment a : taken) {
            String ext = a.extension();
            if (MediaCheck.script(ext)) {
                if (!script(chat, a, words, lines, scripts)) {
                    refusals.add("script");
                }
            } else {
                String refused = media(chat, a, skill, binding, words, lines);
                if (refused == null) {
                    uploaded++;
                } else {
                    refusals.add(refused);
                }
            }
        }
        if (attachments.size() > max) {
            lines.add(words.get("upload.refused.many", "max", max));
            refusals.add("file_count");
        }
        return new Result(lines, scripts, uploaded, refusals);
    }

    /** Reads a script; false when it could not be used. */
    private boolean script(ChatThread chat, Attachment a, Messages words, List<String> lines, List<String> scripts) {
        String name = a.safeName();
        int maxChars = settings.scriptMaxChars();
        if (a.size() > ScriptReader.maxBytes(a.extension(), maxChars)) {
            lines.add(words.get("script.toolong", "name", name, "max", maxChars));
            return false;
        }
        try (InputStream in = download(chat, a)) {
            ScriptReader.Result r = ScriptReader.read(a.extension(), in, maxChars);
            if (r instanceof ScriptReader.Result.Text t) {
                scripts.add("[" + name + "]\n" + t.text());
                lines.add(words.get("script.used", "name", name, "chars", t.text().length()));
                return true;
            } else if (r instanceof ScriptReader.Result.TooLong) {
                lines.add(words.get("script.toolong", "name", name, "max", maxChars));
            } else {
                lines.add(words.get("script.unreadable", "name", name));
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Reading script {} failed: {}", name, e.toString());
            lines.add(words.get("script.unreadable", "name", name));
        }
        return false;
    }

    /** Uploads one media file; null when the backend took it, else why not. */
    private String media(ChatThread chat, Attachment a, SkillProfile skill, ThreadBinding binding, Messages words,
            List<String> lines) {
        String[] refused = {null};
        boolean again = mediaOnce(chat, a, skill, binding, words, lines, true, refused);
        if (again) {
            mediaOnce(chat, a, skill, binding, words, lines, false, refused);
        }
        return refused[0];
    }

    /**
     * One upload attempt; true when it should be tried once more (the token was renewed on the way).
     * {@code refused[0]} gets the reason when the file was not taken.
     */
    private boolean mediaOnce(ChatThread chat, Attachment a, SkillProfile skill, ThreadBinding binding, Messages words, List<String> lines,
            boolean mayRetry, String[] refused) {
        String name = a.safeName();
        String ext = a.extension();
        refused[0] = "upload_failed";
        if (!MediaCheck.accepted(ext)) {
            refused[0] = "file_type";
            lines.add(words.get("upload.refused.type", "name", name, "formats", MediaCheck.acceptedList(),
                    "scripts", MediaCheck.scriptList()));
            return false;
        }
        long limit = skill.maxUploadBytes();
        if (a.size() > limit) {
            refused[0] = "file_size";
            lines.add(words.get("upload.refused.size", "name", name, "size", Sizes.format(a.size()), "limit", Sizes.format(limit)));
            return false;
        }
        InputStream in = null;
        try {
            in = download(chat, a);
            byte[] head = in.readNBytes(MediaCheck.SNIFF_BYTES);
            if (!MediaCheck.looksLike(ext, head, head.length)) {
                refused[0] = "file_content";
                in.close();
                lines.add(words.get("upload.refused.fake", "name", name, "ext", ext.toUpperCase(java.util.Locale.ROOT)));
                return false;
            }
            InputStream rest = in;
            String sendName = ext.equals("jpeg") ? name.substring(0, name.length() - 4) + "jpg" : name;
            UploadPart part = new UploadPart(sendName, MediaCheck.mimeType(ext), a.size(),
                    () -> new Limited(new SequenceInputStream(new ByteArrayInputStream(head), rest), limit));
            List<UploadedFile> files = nemo.upload(skills.headers(skill), binding.sessionId().orElseThrow(), List.of(part));
            refused[0] = null;
            String size = a.size() >= 0 ? Sizes.format(a.size()) : "?";
            lines.add(words.get("upload.done", "name", name, "size", size));
            LOG.info("Uploaded {} ({} bytes) to session {}: {} file(s) accepted", name, a.size(),
                    binding.sessionId().orElse("-"), files.size());
        } catch (NemoException e) {
            if (e.kind() == NemoException.Kind.SESSION_NOT_FOUND) {
                closeQuietly(in);
                throw e;
            }
            if (e.kind() == NemoException.Kind.UNAUTHORIZED && mayRetry && !nemo.registeredAccount()) {
                return true;
            }
            refused[0] = e.kind().name().toLowerCase(java.util.Locale.ROOT);
            String reason = refusals.of(e, words, binding.thread(), Optional.of(binding));
            lines.add(words.get("upload.failed", "name", name, "reason", reason));
        } catch (IOException | RuntimeException e) {
            LOG.info("Upload of {} failed: {}", name, e.toString());
            lines.add(words.get("upload.failed", "name", name, "reason", words.get("error.unavailable")));
        } finally {
            closeQuietly(in);
        }
        return false;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the upload already ended; nothing more to do with this stream
            }
        }
    }

    /** Stops a stream that turns out longer than the limit (the platform's size was wrong). */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new IOException("file larger than the limit");
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (count += n) > limit) {
                throw new IOException("file larger than the limit");
            }
            return n;
        }
    }
}
