package io.nemobot.discord;

import io.nemobot.chat.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The bytes of a Discord attachment, streamed from its signed CDN URL when the core opens them (and
 * only then: a refused file is never downloaded). The URL is signed, so no token is sent.
 */
final class CdnByteSource implements ByteSource {
    private final OkHttpClient http;
    private final String url;
    private final String name;

    CdnByteSource(OkHttpClient http, String url, String name) {
        this.http = http;
        this.url = url;
        this.name = name;
    }

    @Override
    public InputStream open() throws IOException {
        Response response = http.newCall(new Request.Builder().url(url).get().build()).execute();
        ResponseBody body = response.body();
        if (!response.isSuccessful() || body == null) {
            int code = response.code();
            response.close();
            throw new IOException("Discord's CDN answered HTTP " + code + " for attachment " + name);
        }
        return body.byteStream();
    }

    @Override
    public String toString() {
        return "CdnByteSource[" + name + "]";
    }
}
