/**
 * Conversations: one chat thread is one backend session. Routing by the keyword table, the live
 * reply kept up to date within the platform's edit budget, GUI translation, timeline summaries and
 * diffs, uploads and scripts, export with render tracking, limits, and every user-facing word.
 */
package io.nemobot.conversation;
