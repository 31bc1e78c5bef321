package io.nemobot.conversation;

/** What a chat message asks for. Everything but {@link #CHAT} is handled by the bot without the chat stream. */
public enum Intent {
    EXPORT, CREDITS, STATUS, UPLOAD, HELP, USAGE, CHAT
}
