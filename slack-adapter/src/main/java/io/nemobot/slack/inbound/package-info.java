/**
 * Slack in: Bolt requests (events, the {@code /nemo} slash command, button clicks) become core
 * {@link io.nemobot.chat.Conversations} calls. Bolt handlers here only read payloads;
 * {@link io.nemobot.slack.inbound.SlackInbox} decides what each one means and hands it to the core,
 * returning at once so Slack gets its ack within 3 seconds.
 */
package io.nemobot.slack.inbound;
