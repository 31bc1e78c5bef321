/**
 * Every user-facing word: the message bundles per language ({@link io.nemobot.words.Messages}, English
 * and Chinese), the conversation's language ({@link io.nemobot.words.Language}), backend failures in
 * plain words ({@link io.nemobot.words.ErrorWording}), the timeline summary and "what changed" sentence
 * of a draft ({@link io.nemobot.words.Timeline}), and the backend's GUI directions turned into chat
 * directions ({@link io.nemobot.words.GuiTranslator}). Pure functions of their input: no platform, no
 * backend call.
 */
package io.nemobot.words;
