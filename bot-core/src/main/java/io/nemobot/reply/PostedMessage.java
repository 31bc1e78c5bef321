package io.nemobot.reply;

import io.nemobot.chat.Checks;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;

/**
 * One message a live reply posted, as the platform shows it now: one record per message, replaced
 * after each call, so its handle, content, text and state cannot drift apart.
 *
 * @param handle   the platform's handle to edit it
 * @param shown    what it shows (progress line and buttons included)
 * @param text     the reply text in it (without the progress line); null while it shows the acknowledgement
 * @param finished whether its last edit was a finish (platforms with native streams close them there)
 */
record PostedMessage(MessageHandle handle, OutgoingMessage shown, String text, boolean finished) {
    PostedMessage {
        Checks.notNull(handle, "handle");
        Checks.notNull(shown, "shown");
    }

    /** The message a post made. */
    static PostedMessage posted(MessageHandle handle, ReplyPart part) {
        return new PostedMessage(handle, part.content(), part.text(), false);
    }

    /** This message after an edit or finish that showed {@code call}'s part. */
    PostedMessage after(ReplyCall call) {
        return new PostedMessage(handle, call.content(), call.part().text(), finished || call.kind() == ReplyCall.Kind.FINISH);
    }
}
