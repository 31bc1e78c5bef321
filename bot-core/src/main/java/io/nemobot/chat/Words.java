package io.nemobot.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The core's user-facing words, for what an adapter says itself (its own hints and refusals, its
 * slash commands' descriptions): the adapter picks a key, the core holds the words in every language
 * it speaks, English filling any gap. Adapters never write wording of their own.
 */
@FunctionalInterface
public interface Words {
    /**
     * The words of a key with their {@code {name}} placeholders filled.
     *
     * @param key            which words ({@code discord.start.here})
     * @param locale         the user's locale when the platform gives one: it decides the language
     * @param text           what the user wrote: its script decides the language when there is no locale
     * @param nameValuePairs placeholder names and their values, in turn
     */
    String get(String key, Optional<Locale> locale, String text, Object... nameValuePairs);
}
