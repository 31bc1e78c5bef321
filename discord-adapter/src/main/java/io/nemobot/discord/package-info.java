/**
 * The Discord edge: JDA events become core messages, core replies become Discord REST calls.
 *
 * <p>{@link io.nemobot.discord.DiscordAdapter} is the one public type. Inbound, the JDA gateway
 * client feeds {@code DiscordListener}, which hands slash commands, button clicks and thread or DM
 * messages to the core's {@link io.nemobot.chat.Conversations}. Outbound, {@code DiscordPlatform}
 * opens a {@code DiscordChatThread} for any thread by id; it posts and edits the bot's own channel
 * messages with the bot token through {@code DiscordRest} (never an interaction webhook), so it works
 * for threads JDA has not cached, after a restart, and long after an interaction token died.
 */
package io.nemobot.discord;
