package io.nemobot.store;

import io.nemobot.chat.Checks;
import io.nemobot.chat.ThreadKey;
import java.time.Instant;
import java.util.Optional;

/**
 * A chat thread the bot holds, and the backend session it maps to once the first turn created it.
 *
 * @param thread    the chat thread
 * @param sessionId the backend session, empty until the first turn
 * @param taskId    the backend task, when known
 * @param bindId    the id for the registration link ({@code ?bind=}), when known
 * @param skillId   the skill profile serving the thread
 * @param language  the session language ({@code en}, {@code zh})
 * @param updatedAt when this binding last changed
 */
public record ThreadBinding(ThreadKey thread, Optional<String> sessionId, Optional<String> taskId,
        Optional<String> bindId, String skillId, String language, Instant updatedAt) {
    public ThreadBinding {
        Checks.notNull(thread, "thread");
        sessionId = sessionId == null ? Optional.empty() : sessionId;
        taskId = taskId == null ? Optional.empty() : taskId;
        bindId = bindId == null ? Optional.empty() : bindId;
        Checks.notBlank(skillId, "skillId");
        Checks.notBlank(language, "language");
        Checks.notNull(updatedAt, "updatedAt");
    }

    public static ThreadBinding claimed(ThreadKey thread, String skillId, String language, Instant at) {
        return new ThreadBinding(thread, Optional.empty(), Optional.empty(), Optional.empty(), skillId, language, at);
    }

    public ThreadBinding withSession(String session, String task, String bind, String lang, Instant at) {
        return new ThreadBinding(thread, Optional.of(session), Optional.ofNullable(task),
                Optional.ofNullable(bind).or(() -> bindId), skillId, lang, at);
    }
}
