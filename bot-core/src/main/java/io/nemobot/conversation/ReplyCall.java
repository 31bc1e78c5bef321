package io.nemobot.conversation;

import io.nemobot.chat.Checks;
import io.nemobot.chat.OutgoingMessage;

/**
 * One platform call a live reply needs next.
 *
 * @param index which message of the reply it writes (a post adds the message at this index)
 * @param part  what that message is to show
 * @param kind  post a new message, edit one, or give one its last edit
 * @param text  whether it shows text a reader waits for (not only a progress line coming or going)
 * @param last  whether it writes the last message the content wants (so it shows all there is)
 */
record ReplyCall(int index, ReplyPart part, Kind kind, boolean text, boolean last) {
    /** The platform call. */
    enum Kind { POST, EDIT, FINISH }

    ReplyCall {
        if (index < 0) {
            throw new IllegalArgumentException("index may not be negative: " + index);
        }
        Checks.notNull(part, "part");
        Checks.notNull(kind, "kind");
    }

    OutgoingMessage content() {
        return part.content();
    }
}
