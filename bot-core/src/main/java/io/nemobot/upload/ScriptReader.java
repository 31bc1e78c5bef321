package io.nemobot.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reads a script from a text document: plain-text kinds directly (UTF-8), DOCX from its
 * {@code word/document.xml} with the JDK's StAX reader, PDF with Apache PDFBox. Never reads more
 * than the bound allows.
 */
public final class ScriptReader {
    /** The most bytes read from a PDF or DOCX file. */
    public static final long MAX_DOCUMENT_BYTES = 20L * 1024 * 1024;

    /** What came out of a document. */
    public sealed interface Result {
        /** The text, within the bound. */
        record Text(String text) implements Result {
        }

        /** Longer than the bound. */
        record TooLong() implements Result {
        }

        /** No text could be read. */
        record Unreadable() implements Result {
        }
    }

    private ScriptReader() {
    }

    /** The most bytes worth downloading for a script of {@code maxChars} characters of this kind. */
    public static long maxBytes(String extension, int maxChars) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "pdf", "docx" -> MAX_DOCUMENT_BYTES;
            default -> (long) maxChars * 4 + 4;
        };
    }

    public static Result read(String extension, InputStream in, int maxChars) throws IOException {
        String ext = extension.toLowerCase(Locale.ROOT);
        Optional<String> text;
        switch (ext) {
            case "pdf":
                text = pdf(in);
                break;
            case "docx":
                text = docx(in, maxChars);
                break;
            default:
                text = plain(in, maxChars);
        }
        if (text.isEmpty()) {
            return new Result.TooLong();
        }
        if (looksBinary(text.get())) {
            return new Result.Unreadable();
        }
        String t = text.get().replace("\r\n", "\n").replaceAll("[\\p{Cntrl}&&[^\n\t]]", "").strip();
        if (t.isEmpty()) {
            return new Result.Unreadable();
        }
        if (t.codePointCount(0, t.length()) > maxChars) {
            return new Result.TooLong();
        }
        return new Result.Text(t);
    }

    /**
     * Whether decoding gave mostly replacement characters and control codes: a binary file or another
     * encoding, never worth sending to the chat stream. A few bad bytes in real text are tolerated.
     */
    private static boolean looksBinary(String s) {
        int bad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFFFD' || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
                bad++;
            }
        }
        return bad * 20L > s.length();
    }

    /** Empty when the text goes past the bound. */
    private static Optional<String> plain(InputStream in, int maxChars) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = reader.read(buf)) > 0) {
            out.append(buf, 0, n);
            if (out.length() > maxChars * 2 + 2) {
                return Optional.empty();
            }
        }
        String s = out.toString();
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        return Optional.of(s);
    }

    private static Optional<String> pdf(InputStream in) throws IOException {
        byte[] bytes = readBounded(in, MAX_DOCUMENT_BYTES);
        if (bytes == null) {
            return Optional.empty();
        }
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            return Optional.of(new PDFTextStripper().getText(doc));
        } catch (IOException e) {
            return Optional.of("");
        }
    }

    private static Optional<String> docx(InputStream in, int maxChars) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if ("word/document.xml".equals(entry.getName())) {
                    return documentXml(zip, maxChars);
                }
            }
        } catch (java.util.zip.ZipException e) {
            return Optional.of("");
        }
        return Optional.of("");
    }

    private static Optional<String> documentXml(InputStream xml, int maxChars) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        StringBuilder out = new StringBuilder();
        try {
            XMLStreamReader r = factory.createXMLStreamReader(xml, "UTF-8");
            boolean inText = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    inText = "t".equals(name);
                    if ("tab".equals(name)) {
                        out.append('\t');
                    } else if ("br".equals(name)) {
                        out.append('\n');
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if ("p".equals(r.getLocalName())) {
                        out.append('\n');
                    }
                    inText = false;
                } else if (ev == XMLStreamConstants.CHARACTERS && inText) {
                    out.append(r.getText());
                }
                if (out.length() > maxChars * 2 + 2) {
                    return Optional.empty();
                }
            }
        } catch (XMLStreamException e) {
            return Optional.of("");
        }
        return Optional.of(out.toString());
    }

    private static byte[] readBounded(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        long total = 0;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
