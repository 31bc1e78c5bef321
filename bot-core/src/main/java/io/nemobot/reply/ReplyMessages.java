package io.nemobot.reply;

import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.store.SettledMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages a live reply has posted (one record each) and how its text is laid out in them: what
 * the next call is, and what each call or refusal changes. Plain values, no platform: the reply makes
 * the calls and holds its lock around every method here.
 */
final class ReplyMessages {
    private final List<PostedMessage> posted = new ArrayList<>();
    private ReplyLayout layout;

    /** No message yet, laid out for messages of at most {@code limit} characters. */
    ReplyMessages(int limit) {
        this.layout = ReplyLayout.of(limit);
    }

    /** The next call that brings the platform in line with {@code content}, or null when it shows it all. */
    ReplyCall next(ReplyContent content, boolean finishRequired) {
        NextCall next = NextCall.decide(layout, content, posted, finishRequired);
        layout = next.layout();
        return next.call();
    }

    /** The first message, or null before it is posted. */
    MessageHandle first() {
        return posted.isEmpty() ? null : posted.get(0).handle();
    }

    /** The last message posted, or null before the first. */
    MessageHandle last() {
        return posted.isEmpty() ? null : posted.get(posted.size() - 1).handle();
    }

    MessageHandle handle(int index) {
        return posted.get(index).handle();
    }

    /** Takes over a message posted before a restart, showing {@code text}. */
    void adopt(MessageHandle handle, String text) {
        posted.add(new PostedMessage(handle, OutgoingMessage.of(text), null, false));
    }

    /** {@code post} landed as {@code handle}; returns the messages before it with the text each keeps. */
    List<SettledMessage> posted(ReplyCall post, MessageHandle handle) {
        posted.add(PostedMessage.posted(handle, post.part()));
        List<SettledMessage> settled = new ArrayList<>(post.settled().size());
        for (int i = 0; i < post.settled().size(); i++) {
            settled.add(new SettledMessage(posted.get(i).handle().id(), post.settled().get(i)));
        }
        return settled;
    }

    /** An edit or finish was shown. */
    void shown(ReplyCall call) {
        posted.set(call.index(), posted.get(call.index()).after(call));
    }

    /** The platform refused a message as too long: all is split afresh, shorter. Returns the new limit. */
    int shorter() {
        layout = layout.shorter();
        return layout.limit();
    }

    /** Message {@code index} was deleted: it and the ones after it are posted again, split afresh. */
    void gone(int index) {
        posted.subList(index, posted.size()).clear();
        layout = layout.keepingFirst(index);
    }
}
