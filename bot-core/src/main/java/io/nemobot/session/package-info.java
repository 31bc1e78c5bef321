/**
 * What the core knows about a chat thread's backend session: thread → session, persisted and created
 * lazily ({@link io.nemobot.session.SessionRegistry}), the skill profile the thread works with and the
 * headers that name it ({@link io.nemobot.session.ThreadSkills}), and the backend's refusals put into
 * words for that thread ({@link io.nemobot.session.Refusals}).
 */
package io.nemobot.session;
