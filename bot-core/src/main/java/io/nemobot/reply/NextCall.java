package io.nemobot.reply;

import io.nemobot.chat.Checks;
import java.util.List;
import java.util.Objects;

/**
 * The next platform call a live reply needs, decided on plain values: what the reply wants shown,
 * how it is laid out, and what its posted messages show now. Calls that show new text go first (in
 * message order); then messages that keep their text but still need the progress line taken off or
 * finishing; when the final text takes fewer messages than were posted, the extra ones are emptied.
 *
 * @param layout the layout to keep (a message the text outgrew now keeps its text)
 * @param call   the call to make, or null when the platform shows all that is wanted
 */
record NextCall(ReplyLayout layout, ReplyCall call) {
    NextCall {
        Checks.notNull(layout, "layout");
    }

    /**
     * Decides the next call. {@code finishRequired}: the platform must see a finish for every message
     * even when its content did not change (native streams that must be closed).
     */
    static NextCall decide(ReplyLayout layout, ReplyContent content, List<PostedMessage> posted, boolean finishRequired) {
        ReplyLayout fitted = layout.following(content.text());
        List<ReplyPart> wanted = fitted.parts(content);
        if (wanted.size() > posted.size() && !posted.isEmpty() && posted.size() == fitted.kept() + 1) {
            ReplyLayout keeping = fitted.keepingLast(content.text(), posted.get(posted.size() - 1).text());
            if (keeping != fitted) {
                fitted = keeping;
                wanted = fitted.parts(content);
            }
        }
        return new NextCall(fitted, call(wanted, posted, fitted.kept(), content.finalText(), finishRequired));
    }

    private static ReplyCall call(List<ReplyPart> wanted, List<PostedMessage> posted, int kept, boolean finalText,
            boolean finishRequired) {
        ReplyCall later = null;
        for (int i = 0; i < wanted.size(); i++) {
            boolean last = i == wanted.size() - 1;
            ReplyPart part = wanted.get(i);
            if (i >= posted.size()) {
                return ReplyCall.post(i, part, last, wanted.subList(0, i).stream().map(p -> p.content().text()).toList());
            }
            ReplyCall call = update(i, part, posted.get(i), !last || finalText, (i >= kept || last), last, finishRequired);
            if (call != null && (call.text() || i >= kept)) {
                return call;
            }
            if (call != null && later == null) {
                later = call;
            }
        }
        if (later != null || !finalText) {
            return later;
        }
        // Fewer parts than messages posted: the extra messages must not keep old text or a progress line.
        for (int i = wanted.size(); i < posted.size(); i++) {
            PostedMessage extra = posted.get(i);
            if (!ReplyPart.LEFTOVER.content().equals(extra.shown()) || (!extra.finished() && finishRequired)) {
                return new ReplyCall(i, ReplyPart.LEFTOVER, ReplyCall.Kind.FINISH, true, true);
            }
        }
        return null;
    }

    /**
     * The call that brings posted message {@code i} to {@code part}, or null. {@code complete}: its
     * text will not change again; {@code open}: it may get new text (a kept, full message never does:
     * only its progress line or finishing can be due).
     */
    private static ReplyCall update(int i, ReplyPart part, PostedMessage now, boolean complete, boolean open, boolean last,
            boolean finishRequired) {
        boolean changed = !part.content().equals(now.shown());
        boolean newText = open && !Objects.equals(part.text(), now.text());
        // A part finished earlier is finished again when its text changed (a shorter final text,
        // a full text replacing its chunks): the final text always lands, in every part.
        if (complete && (changed || (!now.finished() && finishRequired))) {
            return new ReplyCall(i, part, ReplyCall.Kind.FINISH, newText || last, last);
        }
        return changed ? new ReplyCall(i, part, ReplyCall.Kind.EDIT, newText, last) : null;
    }
}
