package io.nemobot.reply;

import io.nemobot.chat.Checks;
import io.nemobot.chat.OutgoingMessage;

/**
 * One message of a reply as wanted: what it shows (progress line and buttons included) and the reply
 * text in it, which is what tells new text from a progress line coming or going.
 *
 * @param content what the message shows
 * @param text    the reply text in it (without the progress line); null when it shows the acknowledgement
 */
record ReplyPart(OutgoingMessage content, String text) {
    /** What a message shows when the final text needs fewer messages than were posted. */
    static final ReplyPart LEFTOVER = new ReplyPart(OutgoingMessage.of("…"), null);

    ReplyPart {
        Checks.notNull(content, "content");
    }
}
