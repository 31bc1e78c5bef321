package io.nemobot.nemo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A file the backend accepted. Fields other than the name may be null. */
public record UploadedFile(String filename, String fileType, String cdnUrl, Double durationSeconds) {

    /** The files of an upload reply ({@code data.files}); entries that are not objects are skipped. */
    static List<UploadedFile> listOf(JsonObject data) {
        List<UploadedFile> out = new ArrayList<>();
        JsonArray files = Json.array(data, "files");
        for (JsonElement e : files == null ? new JsonArray() : files) {
            if (e.isJsonObject()) {
                JsonObject f = e.getAsJsonObject();
                double duration = Json.number(f, "duration", -1);
                out.add(new UploadedFile(Json.firstString(f, "filename", "name"), Json.string(f, "file_type"),
                        Json.firstString(f, "cdn_url", "url"), duration < 0 ? null : duration));
            }
        }
        return out;
    }
}
