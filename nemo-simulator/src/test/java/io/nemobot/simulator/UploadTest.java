package io.nemobot.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UploadTest {

    private static final String BOUNDARY = "----nemo-test-boundary-7MA4YWxkTrZu0gW";

    private final NemoSimulator sim = NemoSimulator.start();
    private final SimClient client = new SimClient(sim).login();
    private final String session = client.createSession();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void streamsAFiftyMegabyteFileAndHashesIt() {
        long size = 50L * 1024 * 1024 + 123;
        HttpResponse<String> reply = upload(List.of(file("clip.mp4", "video/mp4", () -> new PatternStream(size, 42))));

        JsonObject data = SimClient.json(reply).getAsJsonObject("data");
        JsonObject described = data.getAsJsonArray("files").get(0).getAsJsonObject();
        assertEquals("clip.mp4", described.get("filename").getAsString());
        assertEquals("video", described.get("file_type").getAsString());
        assertTrue(described.get("cdn_url").getAsString().startsWith(sim.baseUrl() + "/cdn/"));
        assertEquals(1920, described.get("width").getAsInt());
        assertEquals(List.of(new UploadRecord(session, "clip.mp4", size, PatternStream.sha256(size, 42), "video/mp4")),
                sim.uploads());
        assertNull(sim.requests(Endpoint.UPLOAD).get(0).body(), "multipart bodies are not recorded");
        JsonObject state = SimClient.json(client.get("/api/state/nemo_agent/me/" + session + "/latest"))
                .getAsJsonObject("data").getAsJsonObject("state");
        assertEquals(1, state.getAsJsonArray("generated_media").size());
        assertEquals(1, state.getAsJsonArray("video_infos").size());
    }

    @Test
    void severalFilesInOneRequestAndOtherFieldsIgnored() {
        List<Supplier<InputStream>> parts = new ArrayList<>();
        parts.add(() -> text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello"
                + "\r\n"));
        parts.add(file("a.png", "image/png", () -> text("png bytes")));
        parts.add(file("b.mp3", null, () -> text("--" + BOUNDARY + "x not a boundary")));

        JsonArray files = SimClient.json(upload(parts)).getAsJsonObject("data").getAsJsonArray("files");

        assertEquals(2, files.size());
        assertEquals("image", files.get(0).getAsJsonObject().get("file_type").getAsString());
        assertEquals("audio", files.get(1).getAsJsonObject().get("file_type").getAsString());
        assertEquals(9, sim.uploads().get(0).size());
        assertEquals(("--" + BOUNDARY + "x not a boundary").length(), sim.uploads().get(1).size());
        assertNull(sim.uploads().get(1).contentType());
    }

    @Test
    void unsupportedTypesGet4001() {
        HttpResponse<String> reply = upload(List.of(file("script.pdf", "application/pdf", () -> text("%PDF"))));
        assertEquals(4001, SimClient.json(reply).get("code").getAsInt());
        assertEquals(1, sim.uploads().size(), "rejected files are recorded too");
    }

    @Test
    void filesOverTheLimitGet4002() {
        sim.setUploadLimitBytes(1000);
        assertEquals(0, SimClient.json(upload(List.of(file("ok.mp4", null, () -> new PatternStream(1000, 1)))))
                .get("code").getAsInt());
        HttpResponse<String> reply = upload(List.of(file("big.mp4", null, () -> new PatternStream(1001, 1))));
        assertEquals(4002, SimClient.json(reply).get("code").getAsInt());
        assertEquals(1001, sim.uploads().get(1).size());
    }

    @Test
    void urlsAreAcceptedAsJson() {
        HttpResponse<String> reply = client.post("/api/upload-video/nemo_agent/me/" + session,
                "{\"urls\":[\"https://example.com/v/clip.mov?x=1\"],\"source_type\":\"url\"}");
        JsonObject described = SimClient.json(reply).getAsJsonObject("data").getAsJsonArray("files")
                .get(0).getAsJsonObject();
        assertEquals("video", described.get("file_type").getAsString());
        assertEquals(List.of(new UploadRecord(session, "https://example.com/v/clip.mov?x=1", -1, null, null)),
                sim.uploads());
        assertEquals(4001, SimClient.json(client.post("/api/upload-video/nemo_agent/me/" + session,
                "{\"urls\":[\"https://example.com/doc.pdf\"],\"source_type\":\"url\"}")).get("code").getAsInt());
    }

    @Test
    void unknownSessionGets1002() {
        sim.dropSession(session);
        HttpResponse<String> reply = upload(List.of(file("clip.mp4", null, () -> text("x"))));
        assertEquals(1002, SimClient.json(reply).get("code").getAsInt());
    }

    @Test
    void aBodyWithoutTheClosingBoundaryIsABadRequest() {
        HttpResponse<String> reply = client.send(multipart(List.of(
                () -> text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; "
                        + "filename=\"a.mp4\"\r\n\r\nunfinished"))));
        assertEquals(400, reply.statusCode());
    }

    @Test
    void theCdnServesSmallBytes() {
        HttpResponse<String> reply = client.get("/cdn/render_1.mp4");
        assertEquals(200, reply.statusCode());
        assertEquals("video/mp4", reply.headers().firstValue("Content-Type").orElse(""));
        assertTrue(reply.body().contains("ftyp"));
    }

    private HttpResponse<String> upload(List<Supplier<InputStream>> parts) {
        HttpResponse<String> reply = client.send(multipart(parts));
        assertEquals(200, reply.statusCode(), reply.body());
        return reply;
    }

    private HttpRequest multipart(List<Supplier<InputStream>> parts) {
        Supplier<InputStream> body = () -> {
            List<InputStream> streams = new ArrayList<>();
            parts.forEach(part -> streams.add(part.get()));
            streams.add(text("--" + BOUNDARY + "--\r\n"));
            return new SequenceInputStream(Collections.enumeration(streams));
        };
        return client.request("/api/upload-video/nemo_agent/me/" + session)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(body))
                .build();
    }

    private static Supplier<InputStream> file(String name, String type, Supplier<InputStream> content) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                + "\"\r\n" + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
        return () -> new SequenceInputStream(new SequenceInputStream(text(head), content.get()), text("\r\n"));
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
