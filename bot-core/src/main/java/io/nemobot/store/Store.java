package io.nemobot.store;

import io.nemobot.chat.ThreadKey;
import io.nemobot.nemo.CredentialStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The state that survives restarts. Every write is durable when the method returns. Implementations
 * are thread-safe. An embedded SQLite store is the default; a shared server database can implement
 * the same port when one process is not enough.
 */
public interface Store extends CredentialStore, AutoCloseable {
    Optional<ThreadBinding> binding(ThreadKey thread);

    void saveBinding(ThreadBinding binding);

    void savePendingRender(PendingRender render);

    void deletePendingRender(String renderId);

    List<PendingRender> pendingRenders();

    /**
     * Claims the post of a stored render's link: true for the first claim only (false when it was
     * claimed before or the render is not stored). Saving the render again keeps the claim.
     */
    boolean claimRenderLink(String renderId);

    /** The claimed link landed as {@code messageId} (kept with the render until it is deleted). */
    void renderLinkPosted(String renderId, String messageId);

    void saveOpenTurn(OpenTurn turn);

    void deleteOpenTurn(ThreadKey thread);

    List<OpenTurn> openTurns();

    /** The thread's open turn, if it has one. */
    Optional<OpenTurn> openTurn(ThreadKey thread);

    /** Records a message accepted and not yet started (nothing when its event id is recorded already). */
    void saveAcceptedMessage(AcceptedMessage message);

    /**
     * The message's turn starts, or it was dropped with words to the user: its record goes, if it is still
     * {@code owner}'s. True when it was (the turn may start); false when another run took the message over
     * (or it is not recorded), so only one run ever starts it.
     */
    boolean removeAcceptedMessage(String eventId, String owner);

    /**
     * At the start of a single process: every message an earlier run accepted and never started becomes
     * {@code owner}'s; returns those, oldest written first.
     */
    List<AcceptedMessage> adoptAcceptedMessages(String owner);

    /** The accepted message recorded under that event id, if it still waits. */
    Optional<AcceptedMessage> acceptedMessage(String eventId);

    /** Every accepted message still waiting, oldest written first. */
    List<AcceptedMessage> acceptedMessages();

    /** Counts one more turn for the user on that day and returns the new count. */
    int countTurn(String userKey, LocalDate day);

    /** The turns counted for the user on that day. */
    int turns(String userKey, LocalDate day);

    /** Records what one chat turn cost. */
    void recordUsage(TurnUsage usage);

    /**
     * The turns and credits recorded since {@code since} in one workspace of a platform, summed per
     * channel and user, ordered by channel then user id.
     */
    List<UsageTotal> usage(String platform, String workspace, Instant since);

    @Override
    void close();
}
