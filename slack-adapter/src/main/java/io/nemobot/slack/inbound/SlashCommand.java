package io.nemobot.slack.inbound;

import io.nemobot.chat.Checks;

/**
 * One {@code /nemo} invocation, read from Slack's payload.
 *
 * @param team      workspace id
 * @param channel   where it was typed
 * @param user      who typed it
 * @param userName  their name, or the id
 * @param text      everything after {@code /nemo}
 * @param triggerId Slack's id of this invocation
 */
public record SlashCommand(String team, String channel, String user, String userName, String text,
        String triggerId) {
    public SlashCommand {
        Checks.notBlank(team, "team");
        Checks.notBlank(channel, "channel");
        Checks.notBlank(user, "user");
        userName = userName == null || userName.isBlank() ? user : userName;
        text = text == null ? "" : text;
        Checks.notBlank(triggerId, "triggerId");
    }
}
