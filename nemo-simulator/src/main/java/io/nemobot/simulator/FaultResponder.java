package io.nemobot.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Plays a {@link Fault} instead of an endpoint's normal answer. */
final class FaultResponder {

    private FaultResponder() {
    }

    /** Plays the fault; true when it answered (or dropped) the call, false to answer normally. */
    static boolean apply(Call call, Fault fault) throws IOException {
        if (fault == null) {
            return false;
        }
        try {
            return play(call, fault);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.abort("interrupted");
        }
    }

    private static boolean play(Call call, Fault fault) throws IOException, InterruptedException {
        switch (fault.kind()) {
            case DELAY:
                if (call.context().gate().sleep(fault.delay())) {
                    throw call.abort("released during a delay");
                }
                return false;
            case DISCONNECT:
                throw call.abort("fault: disconnect");
            case HANG:
                call.drain();
                call.hangs().sleep(Gate.MAX_WAIT);
                throw call.abort("fault: hang released");
            case CODE:
                call.drain();
                call.code(fault.status(), fault.body());
                return true;
            case MALFORMED_JSON:
                call.drain();
                call.text(200, Call.JSON, "{\"code\":0,\"data\":{\"tok");
                return true;
            case HTTP:
            default:
                call.drain();
                httpStatus(call, fault);
                return true;
        }
    }

    private static void httpStatus(Call call, Fault fault) throws IOException {
        String body = fault.body();
        if (body == null) {
            call.empty(fault.status());
            return;
        }
        String type = body.stripLeading().startsWith("{") ? Call.JSON : "text/plain; charset=utf-8";
        call.bytes(fault.status(), type, body.getBytes(StandardCharsets.UTF_8));
    }
}
