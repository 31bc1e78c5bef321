/**
 * A fake Discord on loopback for tests: the REST routes the bot uses, the gateway WebSocket (HELLO,
 * READY, heartbeats, RESUME, dispatches), and a CDN for attachments, all on one MockWebServer. It
 * records every call with a timestamp, so tests assert on what reached "Discord".
 */
package io.nemobot.discord.fake;
