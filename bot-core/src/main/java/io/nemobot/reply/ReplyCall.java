package io.nemobot.reply;

import io.nemobot.chat.Checks;
import io.nemobot.chat.OutgoingMessage;
import java.util.List;

/**
 * One platform call a live reply needs next.
 *
 * @param index which message of the reply it writes (a post adds the message at this index)
 * @param part  what that message is to show
 * @param kind  post a new message, edit one, or give one its last edit
 * @param text  whether it shows text a reader waits for (not only a progress line coming or going)
 * @param last  whether it writes the last message the content wants (so it shows all there is)
 * @param settled for a post, the text each message before it keeps (the ones the text outgrew: what a
 *              restart puts back in them); empty for other calls
 */
record ReplyCall(int index, ReplyPart part, Kind kind, boolean text, boolean last, List<String> settled) {
    /** The platform call. */
    enum Kind { POST, EDIT, FINISH }

    ReplyCall {
        if (index < 0) {
            throw new IllegalArgumentException("index may not be negative: " + index);
        }
        Checks.notNull(part, "part");
        Checks.notNull(kind, "kind");
        settled = List.copyOf(Checks.notNull(settled, "settled"));
        if (kind == Kind.POST ? settled.size() != index : !settled.isEmpty()) {
            throw new IllegalArgumentException("settled must name each message before a post, and only for a post: "
                    + settled.size() + " for " + kind + " at " + index);
        }
    }

    /** An edit or finish of message {@code index}. */
    ReplyCall(int index, ReplyPart part, Kind kind, boolean text, boolean last) {
        this(index, part, kind, text, last, List.of());
    }

    /** A post of message {@code index}, after messages that keep the texts {@code settled}. */
    static ReplyCall post(int index, ReplyPart part, boolean last, List<String> settled) {
        return new ReplyCall(index, part, Kind.POST, true, last, settled);
    }

    OutgoingMessage content() {
        return part.content();
    }
}
