package io.nemobot.reply;

import io.nemobot.chat.CallUse;
import io.nemobot.chat.PlatformProfile;

/**
 * What a live reply's next call will do, as the {@link EditPacer} asks it while scanning its queue
 * (without the reply's lock, hence volatile): post a new message, or, on the last message, grow or close
 * a live native stream, or edit. Also the least time before the next call on the same message: a
 * stream's appends may come faster than edits where the platform says so.
 */
final class CallKind {
    private final long minEditNanos;
    private final long minAppendNanos;
    /** Whether the next call will post a new message. */
    private volatile boolean post = true;
    private volatile boolean finalText;
    private volatile boolean streaming;

    CallKind(PlatformProfile profile) {
        this.minEditNanos = profile.minEditInterval().toNanos();
        this.minAppendNanos = profile.minAppendInterval().toNanos();
    }

    CallUse use() {
        if (post) {
            return CallUse.POST;
        }
        if (streaming) {
            return finalText ? CallUse.CLOSE : CallUse.APPEND;
        }
        return CallUse.EDIT;
    }

    boolean post() {
        return post;
    }

    void post(boolean value) {
        post = value;
    }

    boolean finalText() {
        return finalText;
    }

    void finalText(boolean value) {
        finalText = value;
    }

    /** Whether the reply's last message is a live native stream (after each call: a call may end it). */
    void streaming(boolean value) {
        streaming = value;
    }

    /** The least time from a call to the next one on the same message. */
    long interval() {
        return streaming ? minAppendNanos : minEditNanos;
    }
}
