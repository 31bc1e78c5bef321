package io.nemobot.simulator;

import java.io.IOException;

/** {@code GET /cdn/<name>}: small bytes for every uploaded or rendered file, so links work. */
final class CdnEndpoint {

    private CdnEndpoint() {
    }

    static void serve(Call call) throws IOException {
        String name = call.param(0);
        call.bytes(200, FakeMedia.contentTypeFor(name), FakeMedia.bytesFor(name));
    }
}
