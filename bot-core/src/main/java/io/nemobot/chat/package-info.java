/**
 * The platform-neutral chat model and the ports adapters implement: who wrote what where
 * ({@link io.nemobot.chat.IncomingMessage}, {@link io.nemobot.chat.ThreadKey}) and how the core
 * answers ({@link io.nemobot.chat.ChatThread}, {@link io.nemobot.chat.ChatPlatform}). No chat SDK
 * type may appear here.
 */
package io.nemobot.chat;
