/**
 * How Slack's requests reach the Bolt app: Socket Mode (a WebSocket the bot opens, no public URL) or
 * HTTP mode (the JDK's HTTP server on {@code /slack/events}, Bolt verifying each request's signature).
 */
package io.nemobot.slack.transport;
