/** The Discord edge: JDA events become core messages, core replies become Discord REST calls. */
package io.nemobot.discord;
