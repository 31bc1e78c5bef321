package io.nemobot.recovery;

import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.chat.OutgoingMessage;
import io.nemobot.render.RenderTracker;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.PendingRender;
import io.nemobot.store.SettledMessage;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a start finds that the previous run left in flight: renders still being made are polled again
 * (their links still reach the right thread), and turns the process died in are explained in place
 * of the reply that never ended.
 */
public final class AfterRestart {
    private static final Logger LOG = LoggerFactory.getLogger(AfterRestart.class);

    private final Store store;
    private final Platforms platforms;
    private final RenderTracker renders;
    private final Notices notices;

    public AfterRestart(Store store, Platforms platforms, RenderTracker renders, Notices notices) {
        this.store = Objects.requireNonNull(store, "store");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.renders = Objects.requireNonNull(renders, "renders");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** Resumes renders in flight and explains interrupted turns; call once the platforms are registered. */
    public void resume() {
        for (PendingRender r : store.pendingRenders()) {
            Optional<ChatThread> chat = platforms.thread(r.thread());
            if (chat.isEmpty()) {
                LOG.warn("Render {} belongs to {}, which is not configured now; it stays stored", r.renderId(), r.thread());
                continue;
            }
            renders.resume(r, chat.get());
        }
        for (OpenTurn t : store.openTurns()) {
            Optional<ChatThread> chat = platforms.thread(t.thread());
            if (chat.isEmpty()) {
                continue;
            }
            explain(t, chat.get());
            store.deleteOpenTurn(t.thread());
        }
    }

    /**
     * The reply's messages the text outgrew get their text back (one may still show the progress line),
     * and the last one says what happened.
     */
    private void explain(OpenTurn turn, ChatThread chat) {
        for (SettledMessage m : turn.settled()) {
            try {
                chat.finish(new MessageHandle(m.message()), OutgoingMessage.of(m.text()));
            } catch (RuntimeException e) {
                LOG.info("Could not put back the text of an interrupted reply's message in {} ({})", turn.thread(), e.toString());
            }
        }
        Messages words = Messages.of(store.binding(turn.thread()).map(ThreadBinding::language).orElse("en"));
        String text = words.get("restart.turn");
        try {
            if (turn.message() == null) {
                throw new IllegalStateException("no message to update");
            }
            chat.finish(new MessageHandle(turn.message()), OutgoingMessage.of(text));
        } catch (RuntimeException e) {
            LOG.info("Could not update the interrupted turn's message in {} ({}); posting instead", turn.thread(), e.toString());
            notices.say(chat, text);
        }
    }
}
