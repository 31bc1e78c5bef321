package io.nemobot.chat;

import java.util.List;

/**
 * What the core wants shown: text (plain, with URLs and light markdown: {@code **bold**} and
 * back-ticks), and the actions to offer as buttons under it.
 *
 * @param text    the text; never longer than the platform's limit (the core splits)
 * @param actions buttons to show, in order; empty for none
 */
public record OutgoingMessage(String text, List<Action> actions) {
    public OutgoingMessage {
        Checks.notNull(text, "text");
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public static OutgoingMessage of(String text) {
        return new OutgoingMessage(text, List.of());
    }
}
