package io.nemobot.chat;

/** An adapter's reference to a message it posted, so the core can edit it later. Opaque to the core. */
public record MessageHandle(String id) {
    public MessageHandle {
        Checks.notBlank(id, "id");
    }
}
