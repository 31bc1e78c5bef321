/**
 * Core replies out to Slack: {@link io.nemobot.slack.outbound.SlackChatPlatform} and its threads turn
 * the core's posts and edits into Web API calls (native streaming where it works, {@code chat.update}
 * where it does not), lay messages out as Block Kit, and translate Slack's errors into
 * {@link io.nemobot.chat.ChatPlatformException}s.
 */
package io.nemobot.slack.outbound;
