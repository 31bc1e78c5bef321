/** The Slack edge: Bolt events become core messages, core replies become Slack Web API calls. */
package io.nemobot.slack;
