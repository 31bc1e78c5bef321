/**
 * The platform-neutral chat model and the ports adapters implement: who wrote what where
 * ({@link io.nemobot.chat.IncomingMessage}, {@link io.nemobot.chat.ThreadKey}) and how the core
 * answers ({@link io.nemobot.chat.ChatThread}, {@link io.nemobot.chat.ChatPlatform}), and the rules
 * every platform shares: the core's words ({@link io.nemobot.chat.Words}) and how a long text becomes
 * messages ({@link io.nemobot.chat.TextSplitter}). No chat SDK type may appear here.
 */
package io.nemobot.chat;
