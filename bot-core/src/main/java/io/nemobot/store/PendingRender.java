package io.nemobot.store;

import io.nemobot.chat.Checks;
import io.nemobot.chat.ThreadKey;
import java.time.Instant;

/**
 * A render submitted and not yet reported, so a restart can resume polling it.
 *
 * @param renderId      the backend's render id
 * @param thread        where the link goes
 * @param sessionId     the session it renders
 * @param skillId       the skill whose headers poll it
 * @param requesterId   who asked (mentioned when it took long)
 * @param requesterName their display name
 * @param progressMessage the adapter's handle of the progress message to update, or null
 * @param startedAt     when it was submitted
 * @param linkClaimed   whether a process began posting its link (it claimed the post before making it)
 * @param linkMessage   the posted link's message id once it landed, or null
 */
public record PendingRender(String renderId, ThreadKey thread, String sessionId, String skillId, String requesterId,
        String requesterName, String progressMessage, Instant startedAt, boolean linkClaimed, String linkMessage) {
    public PendingRender {
        Checks.notBlank(renderId, "renderId");
        Checks.notNull(thread, "thread");
        Checks.notBlank(sessionId, "sessionId");
        Checks.notBlank(skillId, "skillId");
        Checks.notBlank(requesterId, "requesterId");
        Checks.notNull(startedAt, "startedAt");
        if (linkMessage != null && !linkClaimed) {
            throw new IllegalArgumentException("a link posted was claimed first");
        }
    }

    /** A render whose link nobody has begun to post. */
    public PendingRender(String renderId, ThreadKey thread, String sessionId, String skillId, String requesterId,
            String requesterName, String progressMessage, Instant startedAt) {
        this(renderId, thread, sessionId, skillId, requesterId, requesterName, progressMessage, startedAt, false, null);
    }

    /** This render with its progress message posted (or posted again). */
    public PendingRender withProgressMessage(String message) {
        return new PendingRender(renderId, thread, sessionId, skillId, requesterId, requesterName, message, startedAt,
                linkClaimed, linkMessage);
    }
}
