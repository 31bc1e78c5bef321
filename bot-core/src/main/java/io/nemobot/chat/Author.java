package io.nemobot.chat;

/**
 * The person (or bot) who wrote a message.
 *
 * @param id          platform user id, unique within the platform
 * @param displayName a name to show; may equal the id
 * @param bot         whether the author is a bot (bots never start turns)
 */
public record Author(String id, String displayName, boolean bot) {
    public Author {
        Checks.notBlank(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }

    public static Author human(String id, String displayName) {
        return new Author(id, displayName, false);
    }
}
