package io.nemobot.reply;

import io.nemobot.chat.Action;
import io.nemobot.chat.Checks;
import java.util.List;

/**
 * What a live reply wants shown at one moment, as plain values, so that laying it out in messages
 * ({@link ReplyLayout}) and choosing the next platform call ({@link NextCall}) need no lock and no
 * platform.
 *
 * @param text        the reply text so far, or the acknowledgement while there is none
 * @param placeholder whether {@code text} is the acknowledgement standing in for reply text
 * @param footer      the progress line under the text, or null for none
 * @param finalText   whether this is the final text (the reply ends when it is shown)
 * @param actions     the buttons under the last message; empty for none
 */
record ReplyContent(String text, boolean placeholder, String footer, boolean finalText, List<Action> actions) {
    ReplyContent {
        Checks.notNull(text, "text");
        actions = List.copyOf(Checks.notNull(actions, "actions"));
    }
}
