package io.nemobot.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/upload-video/nemo_agent/me/<sid>}: multipart files (field {@code files}), read
 * as a stream (size and SHA-256 computed on the fly, bytes discarded), or {@code {"urls":[...]}}.
 */
final class UploadEndpoint {

    private static final String FIELD = "files";

    private UploadEndpoint() {
    }

    static boolean isMultipart(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    static void upload(Call call) throws IOException {
        String sessionId = call.param(0);
        if (!call.context().sessions().exists(sessionId)) {
            call.drain();
            call.code(1002, "session not found");
            return;
        }
        List<UploadRecord> files;
        if (isMultipart(call.exchange())) {
            String boundary = ContentDisposition.parameter(call.header("Content-Type"), "boundary");
            if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
                call.drain();
                call.json(400, Json.error(400, "multipart body without a boundary"));
                return;
            }
            try {
                files = readParts(call, sessionId, boundary);
            } catch (MultipartReader.MalformedMultipartException e) {
                call.drain();
                call.json(400, Json.error(400, "malformed multipart body: " + e.getMessage()));
                return;
            }
        } else {
            files = urls(call, sessionId);
        }
        if (files == null || files.isEmpty()) {
            call.json(400, Json.error(400, "no files: send multipart field 'files' or {\"urls\":[...]}"));
            return;
        }
        files.forEach(call.context().recorder()::upload);
        answer(call, sessionId, files);
    }

    private static List<UploadRecord> readParts(Call call, String sessionId, String boundary) throws IOException {
        MultipartReader reader = new MultipartReader(call.requestBody(), boundary);
        List<UploadRecord> files = new ArrayList<>();
        for (Map<String, String> headers = reader.nextPart(); headers != null; headers = reader.nextPart()) {
            ContentDisposition disposition = ContentDisposition.parse(headers.get("content-disposition"));
            if (!FIELD.equals(disposition.name()) || disposition.filename() == null) {
                reader.body(MultipartReader.DISCARD);
                continue;
            }
            DigestSink sink = new DigestSink();
            reader.body(sink);
            files.add(new UploadRecord(
                    sessionId, disposition.filename(), sink.size(), sink.sha256(), headers.get("content-type")));
        }
        call.drain();
        return files;
    }

    private static List<UploadRecord> urls(Call call, String sessionId) {
        JsonObject body = call.json();
        JsonElement urls = body == null ? null : body.get("urls");
        if (urls == null || !urls.isJsonArray()) {
            return null;
        }
        List<UploadRecord> files = new ArrayList<>();
        for (JsonElement url : urls.getAsJsonArray()) {
            if (url.isJsonPrimitive() && !url.getAsString().isBlank()) {
                files.add(new UploadRecord(sessionId, url.getAsString(), -1, null, null));
            }
        }
        return files;
    }

    private static void answer(Call call, String sessionId, List<UploadRecord> files) throws IOException {
        long limit = call.context().settings().uploadLimitBytes();
        for (UploadRecord file : files) {
            if (fileType(file) == null) {
                call.code(4001, "unsupported file type: " + file.filename());
                return;
            }
        }
        for (UploadRecord file : files) {
            if (file.size() > limit) {
                call.code(4002, "file too large: " + file.filename() + " is over the limit of " + limit + " bytes");
                return;
            }
        }
        JsonArray accepted = new JsonArray();
        for (UploadRecord file : files) {
            JsonObject media = describe(call.context(), file);
            call.context().sessions().addMedia(sessionId, media, "video".equals(fileType(file)));
            accepted.add(media);
        }
        JsonObject data = new JsonObject();
        data.add("files", accepted);
        call.data(data);
    }

    /** The file type by extension; a URL without an extension counts as a video. */
    private static String fileType(UploadRecord file) {
        String name = file.isUrl() ? urlPath(file.filename()) : file.filename();
        if (file.isUrl() && MediaTypes.extension(name) == null) {
            return "video";
        }
        return MediaTypes.fileType(name);
    }

    private static JsonObject describe(SimContext context, UploadRecord file) {
        String type = fileType(file);
        String name = file.isUrl() ? urlPath(file.filename()) : file.filename();
        String leaf = name.substring(name.lastIndexOf('/') + 1);
        if (leaf.isBlank()) {
            leaf = "media.mp4";
        }
        String cdnName = "u" + context.nextUploadNumber() + "_" + leaf;
        JsonObject media = new JsonObject();
        media.addProperty("filename", file.filename());
        media.addProperty("file_type", type);
        media.addProperty("cdn_url", context.baseUrl() + "/cdn/"
                + URLEncoder.encode(cdnName, StandardCharsets.UTF_8).replace("+", "%20"));
        if (!"image".equals(type)) {
            media.addProperty("duration", 10.0);
        }
        if (!"audio".equals(type)) {
            media.addProperty("width", 1920);
            media.addProperty("height", 1080);
        }
        if (!file.isUrl()) {
            media.addProperty("size", file.size());
        }
        return media;
    }

    private static String urlPath(String url) {
        try {
            String path = URI.create(url.trim()).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
