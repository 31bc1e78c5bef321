package io.nemobot.chat;

/**
 * A chat platform as the core sees it: its limits, and a way to write into any of its threads, also
 * ones no message arrived from since a restart (a render that finishes after the bot restarted).
 */
public interface ChatPlatform {
    PlatformProfile profile();

    /** A writer for the given thread; the thread's platform is this platform's name. */
    ChatThread thread(ThreadKey key);
}
