package io.nemobot.chat;

import java.util.Locale;
import java.util.Optional;

/** Something the core offers as a button under a reply. Adapters use {@link #id()} as the button id. */
public enum Action {
    EXPORT("🎬 Export"), TIMELINE("🧩 Timeline"), CREDITS("💳 Credits"), RETRY("🔁 Retry");

    private static final String PREFIX = "nemo:";
    private final String label;

    Action(String label) {
        this.label = label;
    }

    /** The button's label. */
    public String label() {
        return label;
    }

    public String id() {
        return PREFIX + name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> fromId(String id) {
        if (id == null || !id.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (Action action : values()) {
            if (action.id().equals(id)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
