/**
 * Test support shared by every module's tests (bot-core's test jar): the core end to end on a manual
 * clock ({@link io.nemobot.testing.CoreFixture}), a recording chat platform, a recording core for the
 * adapters ({@link io.nemobot.testing.RecordingConversations}), hand-moved time and waiting on conditions.
 */
package io.nemobot.testing;
