package io.nemobot.reply;

import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.store.SettledMessage;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one call of a live reply on the platform: posts, edits or finishes the message the call names,
 * then records what that message shows now. A message that lands is told to the {@link MessagesLanded}
 * (a record that fails is logged: the message is posted, the platform did not fail). Apart from
 * {@link LiveReply}, which decides when to call and what a refusal means; the platform call runs
 * without the reply's lock, the record of what it shows changes under it. A call that shows streamed
 * text tells the {@link ReplyShown} when that text arrived ({@link ArrivedText}).
 */
final class ReplyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);

    private final ChatThread chat;
    private final ReplyMessages messages;
    private final MessagesLanded landing;
    private final ReplyShown shown;
    private final LongSupplier clock;
    private final ArrivedText arrived = new ArrivedText();
    /** The reply's lock, held around every use of {@code messages}. */
    private final Object lock;

    ReplyWriter(ChatThread chat, ReplyMessages messages, MessagesLanded landing, ReplyShown shown, LongSupplier clock,
            Object lock) {
        this.chat = chat;
        this.messages = messages;
        this.landing = landing;
        this.shown = shown;
        this.clock = clock;
        this.lock = lock;
    }

    /** When {@code changed}, streamed text arrived now; returns {@code changed}. Holds the lock. */
    boolean arrived(boolean changed) {
        return arrived.note(changed, clock.getAsLong());
    }

    /** A call will show what arrived: when it did, or null. Holds the lock. */
    Long takeArrived() {
        return arrived.take();
    }

    /**
     * Makes the call; {@code textSince}: when the streamed text it shows arrived (null: none). Text a
     * failed call did not show waits again from when it came.
     */
    void perform(ReplyCall call, Long textSince) {
        try {
            write(call);
        } catch (RuntimeException e) {
            synchronized (lock) {
                arrived.putBack(textSince);
            }
            throw e;
        }
        if (textSince != null) {
            shown.shown(textSince, clock.getAsLong());
        }
    }

    private void write(ReplyCall call) {
        if (call.kind() == ReplyCall.Kind.POST) {
            MessageHandle handle = chat.post(call.content());
            List<SettledMessage> settled;
            synchronized (lock) {
                settled = messages.posted(call, handle);
            }
            try {
                landing.landed(handle, settled);
            } catch (RuntimeException e) { // the message is posted: the platform did not fail
                LOG.warn("Could not note a posted reply message in {}: {}", chat.key(), e.toString());
            }
            return;
        }
        MessageHandle handle;
        synchronized (lock) {
            handle = messages.handle(call.index());
        }
        if (call.kind() == ReplyCall.Kind.EDIT) {
            chat.edit(handle, call.content());
        } else {
            chat.finish(handle, call.content());
        }
        synchronized (lock) {
            messages.shown(call);
        }
    }
}
