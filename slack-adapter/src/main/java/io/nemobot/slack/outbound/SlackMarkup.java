package io.nemobot.slack.outbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core writes light markdown ({@code **bold**}, back-ticks, plain URLs) and Slack mentions from
 * {@code mention()}. Slack's {@code mrkdwn} wants {@code *bold*} and {@code &}, {@code <}, {@code >}
 * escaped, except inside its own {@code <@U123>}-style tokens, which must survive as they are.
 */
public final class SlackMarkup {
    /** Slack's own tokens: user, channel and special mentions, and links in angle brackets. */
    private static final Pattern SLACK_TOKEN = Pattern.compile("<(?:[@#!][^<>\\s]+|(?:https?|mailto):[^<>\\s]+)>");
    private static final Pattern MENTION = Pattern.compile("<[@#!][^<>\\s]+>");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\n]+?)\\*\\*");

    private SlackMarkup() {
    }

    /** The text as Slack {@code mrkdwn}. */
    public static String mrkdwn(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        Matcher token = SLACK_TOKEN.matcher(markdown);
        int at = 0;
        while (token.find()) {
            out.append(plain(markdown.substring(at, token.start()))).append(token.group());
            at = token.end();
        }
        out.append(plain(markdown.substring(at)));
        return out.toString();
    }

    /** Whether the text holds a Slack mention, which only {@code mrkdwn} messages render. */
    public static boolean hasMention(String text) {
        return MENTION.matcher(text).find();
    }

    private static String plain(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return BOLD.matcher(escaped).replaceAll("*$1*");
    }
}
