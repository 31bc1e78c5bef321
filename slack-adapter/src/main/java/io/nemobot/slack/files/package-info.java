/**
 * Files users drop into a conversation: Slack's file metadata becomes an
 * {@link io.nemobot.chat.Attachment} (so the core can refuse a file before any byte moves), and its
 * bytes are streamed from Slack's file hosts only when the core opens it, with the bot token sent to
 * Slack's own hosts and nowhere else.
 */
package io.nemobot.slack.files;
