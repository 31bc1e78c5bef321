package io.nemobot.slack.inbound;

import io.nemobot.chat.Checks;

/**
 * A click on a button under one of the bot's messages, read from Slack's {@code block_actions} payload.
 *
 * @param team      workspace id
 * @param channel   the channel of the message
 * @param threadTs  the thread the message is in (its own ts when it is a thread root)
 * @param messageTs the message the button is under
 * @param user      who clicked
 * @param userName  their name, or the id
 * @param actionId  the button's action id
 * @param actionTs  Slack's time of the click, the same in every delivery of it
 */
public record ButtonClick(String team, String channel, String threadTs, String messageTs, String user,
        String userName, String actionId, String actionTs) {
    public ButtonClick {
        Checks.notBlank(team, "team");
        Checks.notBlank(channel, "channel");
        Checks.notBlank(threadTs, "threadTs");
        Checks.notBlank(messageTs, "messageTs");
        Checks.notBlank(user, "user");
        userName = userName == null || userName.isBlank() ? user : userName;
        Checks.notBlank(actionId, "actionId");
        Checks.notBlank(actionTs, "actionTs");
    }
}
