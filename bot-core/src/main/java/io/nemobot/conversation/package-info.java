/**
 * The conversation flow: one chat thread is one backend session. The entry point
 * ({@link io.nemobot.conversation.ConversationService}) and its wiring, the operator's limits, routing by
 * the keyword table, one lane per thread, and the turns themselves (a chat turn and its stream, help,
 * credits and status). What a turn uses lives in the packages named for it: {@code reply} (live replies
 * and pacing), {@code words}, {@code session}, {@code upload}, {@code render}, {@code recovery}.
 */
package io.nemobot.conversation;
