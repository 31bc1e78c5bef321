package io.nemobot.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {
    private static final int MAX = 20_000;

    private static ScriptReader.Result read(String ext, byte[] bytes, int maxChars) {
        try {
            return ScriptReader.read(ext, new ByteArrayInputStream(bytes), maxChars);
        } catch (IOException e) {
            throw new AssertionError("reading from memory never fails", e);
        }
    }

    private static String text(String ext, byte[] bytes) {
        ScriptReader.Result r = read(ext, bytes, MAX);
        assertInstanceOf(ScriptReader.Result.Text.class, r, ext + " gave " + r);
        return ((ScriptReader.Result.Text) r).text();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainTextWithAByteOrderMarkAndWindowsLineEnds() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = utf8("Scene 1: 城市夜景\r\nA drone shot over the river.\r\n");
        byte[] file = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, file, 0, bom.length);
        System.arraycopy(body, 0, file, bom.length, body.length);
        assertEquals("Scene 1: 城市夜景\nA drone shot over the river.", text("txt", file));
    }

    @Test
    void subtitles() {
        String srt = "1\n00:00:01,000 --> 00:00:04,000\nA city wakes up.\n\n2\n00:00:04,500 --> 00:00:08,000\nLights come on.\n";
        String t = text("srt", utf8(srt));
        assertTrue(t.contains("A city wakes up.") && t.contains("Lights come on."), t);
    }

    @Test
    void csvAndJsonAreReadAsTheyAre() {
        String csv = "prompt,duration\n\"a dog running through a sunny park, slow motion\",10\n";
        assertEquals(csv.strip(), text("CSV", utf8(csv)));
        String json = "{\"prompts\":[\"a dog running through a sunny park\",\"城市夜景\"]}";
        assertEquals(json, text("json", utf8(json)));
    }

    @Test
    void docxParagraphsRunsTabsAndBreaks() throws IOException {
        byte[] docx = docx("<w:p><w:r><w:t>Scene 1:</w:t></w:r><w:r><w:t xml:space=\"preserve\"> City at night</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t>Drone shot</w:t><w:tab/><w:t>10s</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t>Lights &amp; traffic</w:t><w:br/><w:t>城市夜景</w:t></w:r></w:p>"
                + "<w:p><w:r><w:delText>deleted words</w:delText></w:r></w:p>");
        assertEquals("Scene 1: City at night\nDrone shot\t10s\nLights & traffic\n城市夜景", text("docx", docx));
    }

    @Test
    void pdfText() throws IOException {
        byte[] pdf = pdf("Scene one: a city at night.", "Scene two: sunrise over the river.");
        String t = text("pdf", pdf);
        assertTrue(t.contains("Scene one: a city at night."), t);
        assertTrue(t.contains("Scene two: sunrise over the river."), t);
        assertTrue(t.indexOf("Scene one") < t.indexOf("Scene two"), t);
    }

    @Test
    void theLimitIsInCharacters() {
        String exact = "字".repeat(100);
        assertEquals(exact, text("txt", utf8(exact)), "100 Chinese characters are 300 bytes but within 100 characters");
        assertEquals(exact, ((ScriptReader.Result.Text) read("txt", utf8(exact), 100)).text());
        assertInstanceOf(ScriptReader.Result.TooLong.class, read("txt", utf8(exact + "字"), 100));
        assertInstanceOf(ScriptReader.Result.TooLong.class, read("md", utf8("word ".repeat(10_000)), 100),
                "reading stops early");
    }

    @Test
    void tooLongDocuments() throws IOException {
        String paragraph = "<w:p><w:r><w:t>" + "a long scene description ".repeat(20) + "</w:t></w:r></w:p>";
        assertInstanceOf(ScriptReader.Result.TooLong.class, read("docx", docx(paragraph.repeat(10)), 1000));
        String line = "A long scene description, again and again.";
        String[] lines = new String[40];
        java.util.Arrays.fill(lines, line);
        assertInstanceOf(ScriptReader.Result.TooLong.class, read("pdf", pdf(lines), 500));
    }

    @Test
    void nothingToRead() throws IOException {
        assertInstanceOf(ScriptReader.Result.Unreadable.class, read("txt", new byte[0], MAX));
        assertInstanceOf(ScriptReader.Result.Unreadable.class, read("txt", utf8(" \n\t \r\n "), MAX));
        assertInstanceOf(ScriptReader.Result.Unreadable.class, read("docx", docx(""), MAX));
        assertInstanceOf(ScriptReader.Result.Unreadable.class, read("docx", zip("word/other.xml", "<x/>"), MAX),
                "a zip without word/document.xml");
        assertInstanceOf(ScriptReader.Result.Unreadable.class, read("pdf", pdf(), MAX), "a PDF with no text");
        assertInstanceOf(ScriptReader.Result.Unreadable.class, read("docx", zip("word/document.xml", "<w:document><w:p>"), MAX),
                "broken XML");
    }

    @Test
    void binaryJunkIsNeverAScriptAndNeverAnException() throws IOException {
        Random random = new Random(42);
        List<byte[]> junk = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] b = new byte[64 + random.nextInt(4096)];
            random.nextBytes(b);
            junk.add(b);
        }
        junk.add(MediaCheckHeads.PNG);
        byte[] pdf = pdf("Scene one.");
        junk.add(java.util.Arrays.copyOf(pdf, pdf.length / 2));
        byte[] docx = docx("<w:p><w:r><w:t>Scene one.</w:t></w:r></w:p>");
        junk.add(java.util.Arrays.copyOf(docx, docx.length / 2));
        for (String ext : List.of("txt", "srt", "csv", "json", "md", "pdf", "docx")) {
            for (byte[] b : junk) {
                ScriptReader.Result r;
                try {
                    r = ScriptReader.read(ext, new ByteArrayInputStream(b), MAX);
                } catch (IOException | RuntimeException e) {
                    fail(ext + " junk of " + b.length + " bytes threw " + e);
                    return;
                }
                assertTrue(r instanceof ScriptReader.Result.Unreadable || r instanceof ScriptReader.Result.TooLong,
                        ext + " junk of " + b.length + " bytes gave " + r);
            }
        }
    }

    @Test
    void aFewBadBytesInRealTextAreTolerated() {
        byte[] latin1 = "The caf\u00e9 scene: a barista pours coffee while the city wakes up outside the window."
                .getBytes(StandardCharsets.ISO_8859_1);
        String t = text("txt", latin1);
        assertTrue(t.startsWith("The caf") && t.endsWith("window."), t);
    }

    @Test
    void downloadBoundsFollowTheKind() {
        assertEquals(ScriptReader.MAX_DOCUMENT_BYTES, ScriptReader.maxBytes("PDF", 100));
        assertEquals(ScriptReader.MAX_DOCUMENT_BYTES, ScriptReader.maxBytes("docx", 100));
        assertTrue(ScriptReader.maxBytes("txt", 100) >= 400, "UTF-8 needs up to 4 bytes a character");
    }

    /** A minimal DOCX: the parts Word needs, with {@code body} as the document's body. */
    static byte[] docx(String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                    + body + "</w:body></w:document>");
        }
        return out.toByteArray();
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, name, content);
        }
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(utf8(content));
        zip.closeEntry();
    }

    /** A one-page PDF with one line of Helvetica per string. */
    static byte[] pdf(String... lines) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                content.setLeading(14);
                content.newLineAtOffset(40, 750);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Bytes of a media file, to feed the reader something that is not text. */
    private static final class MediaCheckHeads {
        static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
                0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5C, 0x72, (byte) 0xA8, 0x66};

        private MediaCheckHeads() {
        }
    }

}
