package io.nemobot.discord;

/**
 * The few words the adapter itself says (everything about videos, sessions and errors comes from
 * the core). Short and friendly; no ids, tokens or stack traces.
 */
final class DiscordWords {
    static final String START_HERE = "This works inside a Nemo conversation thread. Start one in a channel with "
            + "`/video prompt:` and describe the video you want.";
    static final String VIDEO_IN_CHANNEL = "I can't open a thread here. Use `/video` in a server text channel, "
            + "or keep writing in a conversation thread.";
    static final String THREAD_FAILED = "I couldn't open a thread for this video. Ask a server admin to give me "
            + "the **Create Public Threads** and **Send Messages in Threads** permissions here.";
    static final String EMPTY_PROMPT = "Tell me what the video should show: `/video prompt: a cat surfing at sunset`.";
    static final String UNKNOWN_COMMAND = "I don't know that command. Try `/nemo help`.";
    static final String DEFAULT_THREAD_NAME = "Nemo video";

    private DiscordWords() {
    }

    /** The reply a thread is opened on: who asked for what. */
    static String videoRequest(String mention, String prompt) {
        return "🎬 " + mention + " asked for a video:\n> " + prompt.replace("\n", "\n> ");
    }

    /** What the bot says when a command in a thread is handed on to the core. */
    static String working(String command) {
        return switch (command) {
            case SlashCommands.EXPORT -> "📦 Exporting…";
            case SlashCommands.CREDITS -> "💳 Checking credits…";
            case SlashCommands.STATUS -> "📋 Reading the timeline…";
            default -> "👍";
        };
    }

    static String uploading(String fileName) {
        return "📎 Received **" + fileName.replace("*", "") + "**…";
    }
}
