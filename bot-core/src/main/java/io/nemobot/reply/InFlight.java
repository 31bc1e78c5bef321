package io.nemobot.reply;

import java.util.HashMap;
import java.util.Map;

/**
 * The replies the {@link EditPacer} handed to the sender whose call has not returned yet: the permits
 * each was granted (stamped again when the call is made and when it returns), and the change time it
 * asked again with meanwhile, which queues it once its call has returned (queued at once, it could run
 * twice in a row). Guarded by the pacer's lock.
 */
final class InFlight {
    private static final class Call {
        final RateBuckets.Grant grant;
        /** The oldest change time it asked again with while running, or null. */
        Long again;

        Call(RateBuckets.Grant grant) {
            this.grant = grant;
        }
    }

    private final Map<EditPacer.Paced, Call> calls = new HashMap<>();

    void started(EditPacer.Paced paced, RateBuckets.Grant grant) {
        calls.put(paced, new Call(grant));
    }

    /** Notes that {@code paced} asked again while its call runs; false when it has no call running. */
    boolean askedAgain(EditPacer.Paced paced, long since) {
        Call call = calls.get(paced);
        if (call == null) {
            return false;
        }
        call.again = call.again == null || since - call.again < 0 ? since : call.again;
        return true;
    }

    /** The permits of the running call of {@code paced}, or null. */
    RateBuckets.Grant grant(EditPacer.Paced paced) {
        Call call = calls.get(paced);
        return call == null ? null : call.grant;
    }

    /** Its call has returned: its permits count from {@code now}. Returns the change time it asked again with, or null. */
    Long returned(EditPacer.Paced paced, long now) {
        Call call = calls.remove(paced);
        if (call == null) {
            return null;
        }
        call.grant.returned(now);
        return call.again;
    }
}
