package io.nemobot.chat;

/**
 * What a slash command's words name when they are one keyword of the core's keyword table, in any
 * of its languages ({@code /nemo credits}, {@code /nemo 积分}). Adapters ask
 * {@link Conversations#command(String)} instead of keeping their own list of sub-words.
 */
public enum Command {
    HELP, EXPORT, STATUS, CREDITS, UPLOAD, USAGE
}
