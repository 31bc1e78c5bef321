package io.nemobot.recovery;

import io.nemobot.chat.ChatThread;
import io.nemobot.chat.MessageHandle;
import io.nemobot.reply.LiveReply;
import io.nemobot.reply.Notices;
import io.nemobot.reply.Platforms;
import io.nemobot.store.OpenTurn;
import io.nemobot.store.SettledMessage;
import io.nemobot.store.Store;
import io.nemobot.store.ThreadBinding;
import io.nemobot.words.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mends the reply of a turn a process died in: the messages the text outgrew get their text back (one
 * may still show the progress line), and the last one says what happened. Every edit is a live reply's
 * final, so it goes through the platform's {@link io.nemobot.reply.EditPacer} like any other: a survivor
 * explaining hundreds of turns at once stays within the budgets instead of bursting raw calls (which the
 * platform refuses). Nothing here waits: the caller gets a future.
 */
final class TurnExplanations {
    private static final Logger LOG = LoggerFactory.getLogger(TurnExplanations.class);
    /**
     * What an adopted message is taken to show: after a restart nobody knows (text, a progress line, the
     * acknowledgement), so the reply is told something its final text never equals and always sends it.
     */
    private static final String UNKNOWN = "";

    private final Store store;
    private final Platforms platforms;
    private final Notices notices;

    TurnExplanations(Store store, Platforms platforms, Notices notices) {
        this.store = Objects.requireNonNull(store, "store");
        this.platforms = Objects.requireNonNull(platforms, "platforms");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /**
     * Starts explaining {@code turn} in {@code chat}; once that has landed, the turn's record goes (a crash
     * before leaves it for the next start or sweep to explain again: never zero times), unless a new turn
     * of the thread replaced it meanwhile (that one is still open). The future completes after that, and
     * never exceptionally: a failure is logged and leaves the record.
     */
    CompletableFuture<Void> explainThenForget(OpenTurn turn, ChatThread chat) {
        CompletableFuture<Void> landed;
        try {
            landed = explain(turn, chat);
        } catch (RuntimeException e) {
            landed = CompletableFuture.failedFuture(e);
        }
        return landed.handle((done, failure) -> {
            try {
                if (failure != null) {
                    LOG.warn("Explaining the interrupted turn in {} failed ({}); it stays open, to be explained again",
                            turn.thread(), failure.toString());
                } else if (store.openTurn(turn.thread()).filter(turn::equals).isPresent()) {
                    store.deleteOpenTurn(turn.thread());
                }
            } catch (RuntimeException e) {
                LOG.warn("The explained turn in {} could not be forgotten ({}); it may be explained again", turn.thread(),
                        e.toString());
            }
            return null;
        });
    }

    /**
     * Starts explaining {@code turn} in {@code chat}. The future completes once every message shows its
     * text and the last one the explanation, or the platform refused an edit for good (the explanation is
     * posted instead, once that post is shown or refused for good). It fails only when something could not
     * even be tried (shutting down): the turn is still to explain.
     */
    CompletableFuture<Void> explain(OpenTurn turn, ChatThread chat) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (SettledMessage m : turn.settled()) {
            all.add(show(chat, m.message(), m.text()).exceptionally(e -> {
                LOG.info("Could not put back the text of an interrupted reply's message in {} ({})", turn.thread(),
                        e.toString());
                return null;
            }));
        }
        Messages words = Messages.of(store.binding(turn.thread()).map(ThreadBinding::language).orElse("en"));
        String text = words.get("restart.turn");
        if (turn.message() == null) {
            LOG.info("The interrupted turn in {} has no message to update; posting instead", turn.thread());
            all.add(notices.post(chat, text));
        } else {
            all.add(show(chat, turn.message(), text).handle((shown, e) -> {
                if (e == null) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                LOG.info("Could not update the interrupted turn's message in {} ({}); posting instead", turn.thread(),
                        e.toString());
                return notices.post(chat, text);
            }).thenCompose(posted -> posted));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Message {@code id} (posted before the restart) ends showing {@code text}, as a live reply's final. */
    private CompletableFuture<Void> show(ChatThread chat, String id, String text) {
        LiveReply reply = platforms.reply(chat);
        reply.adopt(new MessageHandle(id), UNKNOWN);
        return reply.finish(text, List.of());
    }
}
