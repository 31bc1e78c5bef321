package io.nemobot.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The inbound port: what adapters hand to the core. Every method returns at once; the work (backend
 * calls, streaming) runs afterwards on the core's own threads, so adapters can acknowledge the
 * platform within its deadline. Replies go through the {@link ChatThread} given (or the one the
 * registered {@link ChatPlatform} opens for the thread).
 */
public interface Conversations {
    /**
     * A user wrote in a thread: route it (export, credits, status, upload, or the chat stream) and
     * answer in {@code replyTo}. A second message with the same event id is ignored.
     */
    void accept(IncomingMessage message, ChatThread replyTo);

    /**
     * A prompt for the video backend, whatever its words ({@code /video prompt:…}, {@code /nemo …}):
     * it goes to the chat stream without the keyword table, so "a timeline of Rome" stays a prompt.
     * Attachments are still uploads first.
     */
    void prompt(IncomingMessage message, ChatThread replyTo);

    /** A user clicked one of the core's buttons. A second click with the same event id is ignored. */
    void click(ActionClick click, ChatThread replyTo);

    /**
     * What a slash command's words name: the command of the keyword table when the words are exactly
     * one of its keywords (any language, any case), else empty, and the words are a prompt
     * ({@link #prompt}) whatever keywords they hold.
     */
    Optional<Command> command(String words);

    /** The core's words, for what an adapter says itself (its hints, its commands' descriptions). */
    Words words();

    /** The greeting, example prompts and tips of the skill serving this thread, in the user's language. */
    String help(ThreadKey thread, Optional<Locale> locale);

    /** The example prompts of the skill serving this thread (for suggested-prompt surfaces). */
    java.util.List<String> examplePrompts(ThreadKey thread);

    /**
     * The operator's usage report ({@code /nemo usage}) for the workspace of {@code where}: credits and
     * turns of today and this week, per user and per channel, when {@code asker} is an admin (as the
     * adapter found: {@link Author#admin()}); otherwise a plain word that it is for admins.
     */
    String usage(ThreadKey where, Author asker, Optional<Locale> locale);

    /** Whether this thread is a conversation the bot holds (bound to a backend session). */
    boolean isConversation(ThreadKey thread);

    /**
     * This process's share of each platform budget now, in (0, 1]: several bot processes serving one
     * bot split its platform limits, so a limiter an adapter keeps itself allows
     * {@code max(1, floor(limit x share))} calls. Changes while the bot runs (processes join and leave).
     */
    default double budgetShare() {
        return 1.0;
    }

    /** Marks a thread as a conversation the bot holds before its first turn (a thread it just opened). */
    void claim(ThreadKey thread);
}
