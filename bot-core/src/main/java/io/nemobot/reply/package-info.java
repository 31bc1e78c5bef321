/**
 * Everything the core writes to a chat platform: the live reply of a turn ({@link io.nemobot.reply.LiveReply},
 * kept up to date as text streams in, split at the platform's length limit, mended after a refusal),
 * the {@link io.nemobot.reply.EditPacer} that shares each platform's edit budgets fairly among every live
 * reply, one-off notices ({@link io.nemobot.reply.Notices}), the registered platforms
 * ({@link io.nemobot.reply.Platforms}), and the record that finds a reply's messages again after a restart
 * ({@link io.nemobot.reply.LandingRecord}). The layout and next-call decisions are plain values, testable
 * without a platform. Knows nothing of sessions, routing or words.
 */
package io.nemobot.reply;
