package io.nemobot.reply;

import io.nemobot.chat.MessageHandle;
import io.nemobot.store.SettledMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The stored record of work in flight whose reply lands later (an open turn, a pending render): saved
 * with what has landed so far, saved again the moment each message lands, and never again once the
 * work ended, so a late landing cannot bring back a record the end deleted. One lock orders it all: a
 * first save that runs after the first landing saves what landed, never the older state.
 */
public final class LandingRecord implements MessagesLanded {
    private final BiConsumer<MessageHandle, List<SettledMessage>> save;
    private MessageHandle open;
    private List<SettledMessage> settled = List.of();
    private boolean ended;

    /**
     * {@code save} stores the record given the reply's last message (null before one landed) and the
     * messages before it with the text each keeps.
     */
    public LandingRecord(BiConsumer<MessageHandle, List<SettledMessage>> save) {
        this.save = Objects.requireNonNull(save, "save");
    }

    /** Saves the record as it stands (unless the work ended). */
    public synchronized void save() {
        if (!ended) {
            save.accept(open, settled);
        }
    }

    @Override
    public synchronized void landed(MessageHandle last, List<SettledMessage> before) {
        open = Objects.requireNonNull(last, "last");
        settled = List.copyOf(before);
        save();
    }

    /** The work ended: {@code delete} removes the record, and nothing is saved after it. */
    public synchronized void end(Runnable delete) {
        ended = true;
        delete.run();
    }
}
