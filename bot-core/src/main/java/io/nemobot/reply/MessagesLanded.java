package io.nemobot.reply;

import io.nemobot.chat.MessageHandle;
import io.nemobot.store.SettledMessage;
import java.util.List;

/**
 * Told when a message of a live reply has landed on the platform: the first post, each message the
 * text rolls over to, a deleted one posted again. A message's id exists only from then on, so that is
 * when whoever must find the reply after a restart saves it.
 */
@FunctionalInterface
interface MessagesLanded {
    /** For replies nobody needs to find again. */
    MessagesLanded NONE = (open, settled) -> { };

    /**
     * Runs on the thread that made the post, before the reply's next call.
     *
     * @param open    the reply's last message, the one it goes on in
     * @param settled the messages before it, which the text outgrew, each with the text it keeps
     */
    void landed(MessageHandle open, List<SettledMessage> settled);
}
