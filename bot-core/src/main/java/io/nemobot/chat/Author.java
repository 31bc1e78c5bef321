package io.nemobot.chat;

/**
 * The person (or bot) who wrote a message.
 *
 * @param id          platform user id, unique within the platform
 * @param displayName a name to show; may equal the id
 * @param bot         whether the author is a bot (bots never start turns)
 * @param admin       whether the adapter found the author administers the workspace (Slack: an admin or
 *                    owner; Discord: Manage Server in the guild); operator-only answers read it
 */
public record Author(String id, String displayName, boolean bot, boolean admin) {
    public Author {
        Checks.notBlank(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }

    /** An author the adapter did not check for admin rights (not an admin). */
    public Author(String id, String displayName, boolean bot) {
        this(id, displayName, bot, false);
    }

    /** The same author, with the admin check's answer. */
    public Author withAdmin(boolean isAdmin) {
        return new Author(id, displayName, bot, isAdmin);
    }

    public static Author human(String id, String displayName) {
        return new Author(id, displayName, false);
    }
}
